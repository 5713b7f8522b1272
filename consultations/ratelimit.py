"""Fixed-window rate limits kept in the Django cache, so Redis shares them across app servers.

When Redis cannot be reached the limits fail open: the cache answers None instead of a count
(IGNORE_EXCEPTIONS in settings), and the booking goes through with the database's own guards
still in force (one booking per submission token, a slot booked once). docs/deployment.md.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from security.client_address import client_ip


def _key(scope: str, identity: str) -> str:
    # Hashed: cache keys must not hold email addresses in clear.
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def count(scope: str, identity: str, window: int) -> int | None:
    """Count one attempt and return how many were made within `window` seconds; None when
    the cache cannot count (Redis unreachable)."""
    key = _key(scope, identity)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def hit(scope: str, identity: str, limit: int, window: int) -> bool:
    """Count one attempt; False once `limit` attempts were made within `window` seconds.
    Uncountable (Redis down): allowed."""
    if not identity:
        return True
    made = count(scope, identity, window)
    return made is None or made <= limit


# A form sent again (a double click, a phone retrying on a bad network) is the same request,
# not a new one: its repeats do not use up the visitor's limits, up to this many.
RESENDS_ALLOWED = 10


def allow_booking(request, email: str, submission_token: str = "") -> bool:
    """Both limits are counted on every new submission, so neither can be used to dodge the
    other; a resent form (same submission token) is let through to find its booking."""
    if not getattr(settings, "BOOKING_RATE_LIMIT_ENABLED", True):
        return True
    limit = settings.BOOKING_RATE_LIMIT
    window = settings.BOOKING_RATE_LIMIT_WINDOW
    if submission_token:
        sent = count("booking-form", submission_token, window)
        if sent is not None and sent > 1:
            return sent <= 1 + RESENDS_ALLOWED
    ip_ok = hit("booking-ip", client_ip(request) or "", limit, window)
    email_ok = hit("booking-email", email, limit, window)
    return ip_ok and email_ok
