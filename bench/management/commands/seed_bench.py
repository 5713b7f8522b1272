"""Build the benchmark data set (reproducible, reused when already there)."""

import json
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from bench import dataset


class Command(BaseCommand):
    help = "Seed the demo site plus benchmark volume: 1,000 articles, 5,000+ bookings."

    def handle(self, *args, **options):
        call_command("seed_demo", stdout=StringIO())
        built = dataset.seed()
        state = "built" if built else "reused"
        self.stderr.write(f"Benchmark data {state}: {json.dumps(dataset.volume())}")
