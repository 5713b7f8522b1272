"""Measure the staff admin at volume, in-process (used by `make bench`): for each screen, SQL
queries and the median CPU and wall milliseconds of one request, signed in as a superuser.

Screens: the consultation request list, its search by a whole phone number and by an email
address, a week's CSV export, the page explorer of the blog index and an article's edit view.
Prints JSON. The bench's own superuser (`bench-admin`, unusable password) is created once.
"""

import datetime
import json
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import dataset
from blog.models import BlogIndexPage, BlogPage
from consultations.models import ConsultationRequest

REQUESTS = "/admin/consultation_requests/"


def screens():
    blog = BlogIndexPage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    article = BlogPage.objects.filter(slug=f"{dataset.SLUG_PREFIX}0100").first()
    article = article or BlogPage.objects.first()
    booking = ConsultationRequest.objects.exclude(starts_at=None).order_by("pk").first()
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    week = f"starts_at_from={monday}&starts_at_to={monday + datetime.timedelta(days=6)}"
    return {
        "requests list": REQUESTS,
        "search by phone": f"{REQUESTS}?q={booking.phone.as_e164.replace('+', '%2B')}",
        "search by email": f"{REQUESTS}?q={booking.email}",
        "week export (CSV)": f"{REQUESTS}?export=csv&{week}",
        "explorer: blog index": f"/admin/pages/{blog.pk}/",
        "article edit view": f"/admin/pages/{article.pk}/edit/",
    }


def measure(client, url, rounds):
    def get():
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        return response

    get()  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = get()
    count = len(queries)
    cpu, wall = [], []
    for _ in range(rounds):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        get()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    return {
        "status": response.status_code,
        "queries": count,
        "cpu_ms": round(statistics.median(cpu), 1),
        "wall_ms": round(statistics.median(wall), 1),
    }


class Command(BaseCommand):
    help = "Print JSON with SQL queries and milliseconds per staff admin screen."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=10)

    def handle(self, *args, rounds, **options):
        user, created = get_user_model().objects.get_or_create(
            username="bench-admin",
            defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.invalid"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        results = {
            name: {"path": url, **measure(client, url, rounds)} for name, url in screens().items()
        }
        results["volume"] = {
            "bookings": ConsultationRequest.objects.count(),
            "articles": BlogPage.objects.count(),
        }
        self.stdout.write(json.dumps(results))
