"""Fixed-window rate limits kept in the Django cache, so Redis shares them across app servers."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The visitor's address; behind N trusted proxies, the Nth address from the right."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, identity: str) -> str:
    # Hashed: cache keys must not hold email addresses in clear.
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope: str, identity: str, limit: int, window: int) -> bool:
    """Count one attempt; False once `limit` attempts were made within `window` seconds."""
    if not identity:
        return True
    key = _key(scope, identity)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def allow_booking(request, email: str) -> bool:
    """Both limits are counted on every attempt, so neither can be used to dodge the other."""
    if not getattr(settings, "BOOKING_RATE_LIMIT_ENABLED", True):
        return True
    limit = settings.BOOKING_RATE_LIMIT
    window = settings.BOOKING_RATE_LIMIT_WINDOW
    ip_ok = hit("booking-ip", client_ip(request), limit, window)
    email_ok = hit("booking-email", email, limit, window)
    return ip_ok and email_ok
