"""The booking write path under load, through the real form (used by `make bench`).

Concurrent clients each take distinct open slots and book them through a running server:
GET the details step (CSRF cookie, form token), POST it, for a fixed time. Afterwards the
rows in the database are counted and must equal the successful responses; then the bench's
own bookings are removed so the next run finds the same open slots.
"""

import argparse
import itertools
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from django.core.management.base import BaseCommand

from consultations import availability
from consultations.models import ConsultationRequest, Mode, Notification, Procedure
from offices.models import OfficePage
from people.models import Clinician

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
BENCH_DOMAIN = "bench.invalid"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http_base(value):
    """--base: the server's http(s) root; no other scheme reaches urllib."""
    if urllib.parse.urlsplit(value).scheme not in ("http", "https"):
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    return value.rstrip("/")


def _client():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect)


def _open(opener, request):
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def book_one(base, office_id, clinician_id, procedure_id, slot, index):
    opener = _client()
    ip = f"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"
    query = urllib.parse.urlencode(
        {
            "mode": Mode.IN_PERSON,
            "office": office_id,
            "clinician": clinician_id,
            "procedures": procedure_id,
            "slot": slot,
        }
    )
    request = urllib.request.Request(  # noqa: S310 - base is http(s) only (http_base)
        f"{base}/book/details/?{query}", headers={"X-Forwarded-For": ip}
    )
    status, body = _open(opener, request)
    if status != 200:
        return status
    fields = dict(HIDDEN.findall(body))
    fields.update(
        first_name="Bench",
        last_name=f"Client{index}",
        email=f"client{index}@{BENCH_DOMAIN}",
        phone="(310) 555-0100",
        preferred_contact="email",
        consent="on",
        website="",
    )
    request = urllib.request.Request(  # noqa: S310 - base is http(s) only (http_base)
        f"{base}/book/details/",
        data=urllib.parse.urlencode(fields).encode(),
        headers={"X-Forwarded-For": ip, "Referer": f"{base}/book/details/"},
    )
    status, _ = _open(opener, request)
    return status


class Command(BaseCommand):
    help = "Book distinct open slots concurrently through a running server; print JSON."

    def add_arguments(self, parser):
        parser.add_argument("--base", required=True, type=http_base)
        parser.add_argument("--duration", type=float, default=15)
        parser.add_argument("--clients", type=int, default=8)

    def handle(self, *args, base, duration, clients, **options):
        self._cleanup()
        procedure = Procedure.objects.filter(active=True).first()
        # Each clinician's own open slots, booked by name: one clinician's slots never
        # overlap, so every attempt has a free time of its own (first available would let
        # two attempts race for one person).
        eligible = Clinician.objects.bookable().consulting_on([procedure])
        ids = list(eligible.values_list("pk", flat=True))
        work = [
            (office.pk, clinician_id, slot.value)
            for office in OfficePage.objects.live().filter(locale__language_code="en")
            for clinician_id, days in availability.open_slots_by_clinician(
                Mode.IN_PERSON, office.pk, clinicians=ids
            ).items()
            for day in days.values()
            for slot in day
        ]
        lock = threading.Lock()
        counts = {"ok": 0, "errors": 0, "codes": {}}
        # Every attempt gets its own number, so no two clients in flight share an email or a
        # client address (a count of finished attempts would hand one to several at once).
        attempt_numbers = itertools.count(1)
        deadline = time.monotonic() + duration
        started = time.monotonic()

        def worker():
            while time.monotonic() < deadline:
                with lock:
                    if not work:
                        return
                    office_id, clinician_id, slot = work.pop()
                    index = next(attempt_numbers)
                try:
                    status = book_one(base, office_id, clinician_id, procedure.pk, slot, index)
                except OSError as error:  # refused, reset or timed out: an error, not a lost try
                    status = type(error).__name__
                with lock:
                    if status == 302:
                        counts["ok"] += 1
                    else:
                        counts["errors"] += 1
                        counts["codes"][status] = counts["codes"].get(status, 0) + 1

        threads = [threading.Thread(target=worker) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        rows = ConsultationRequest.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").count()
        result = {
            "bookings": counts["ok"],
            "errors": counts["errors"],
            "error_codes": counts["codes"],
            "seconds": round(elapsed, 2),
            "bookings_per_second": round(counts["ok"] / elapsed, 1) if elapsed else 0,
            "rows_in_database": rows,
            "rows_match_responses": rows == counts["ok"],
            "slots_left_unused": len(work),
        }
        self._cleanup()
        self.stdout.write(json.dumps(result))

    def _cleanup(self):
        mine = ConsultationRequest.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")
        Notification.objects.filter(request__in=mine).delete()
        mine.delete()
