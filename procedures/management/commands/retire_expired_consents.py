"""Daily: take cases whose consent has just expired off every cache and delete their
renditions (the pages already stop showing them at the expiry)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from procedures import consent


class Command(BaseCommand):
    help = "Purge and delete the renditions of cases whose consent expired (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=2, help="Look back this many days (default 2)."
        )

    def handle(self, *args, days, **options):
        with transaction.atomic():
            count = consent.retire_expired(days=days)
        self.stdout.write(f"Retired {count} case(s) whose consent expired.")
