"""The booking rules' clock: one function every reminder and join-link decision asks.

Tests that drive a live server (the browser journeys) move this clock instead of sleeping.
"""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()
