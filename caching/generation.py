"""The site generation: one token under which every cached page and fragment is stored.

Any change to what a page can show retires it (caching.purge), so nothing stored
before the change is read after it: a new token makes every old key unreachable at once.
The token also retires itself at the next moment pages change with no one saving anything
(local midnight for today's hours and patient consents, which end at a local midnight; a
live page's `expire_at`): it is stored with that moment and a time-to-live that ends there,
and every entry stored under it lives no longer.

A token is random, so one lost to eviction or a restart never brings old entries back. When
the cache cannot be reached there is no generation, and callers neither read nor store.
"""

import dataclasses
import datetime
import time
import uuid
import weakref

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpRequest
from django.utils import timezone

KEY = "site:generation"


@dataclasses.dataclass(frozen=True)
class Generation:
    token: str
    # Epoch seconds at which it retires itself (next_change()).
    valid_until: float

    def seconds_left(self):
        return max(0, int(self.valid_until - time.time()))

    def __str__(self):
        return self.token


def next_local_midnight(now=None):
    now = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    # Through UTC: on a day with a DST change the wall clock's midnight is still the real one.
    return midnight.astimezone(datetime.UTC)


def next_change(now=None):
    """The next moment a page changes without a save: local midnight or the first
    `expire_at` of a live page, whichever comes first."""
    from wagtail.models import Page

    now = now or timezone.now()
    moments = [next_local_midnight(now)]
    moments.append(
        Page.objects.live().filter(expire_at__gt=now).aggregate(first=Min("expire_at"))["first"]
    )
    return min(moment for moment in moments if moment is not None and moment > now)


def current():
    """The generation in force, starting one if there is none or it has ended (read on this
    clock, not only the cache's expiry); None if the cache is down."""
    value = cache.get(KEY)
    if value is not None and float(value.partition(":")[2]) <= timezone.now().timestamp():
        cache.delete(KEY)
        value = None
    if value is None:
        until = min(next_change().timestamp(), time.time() + settings.PAGE_CACHE_GENERATION_TIMEOUT)
        cache.add(KEY, f"{uuid.uuid4().hex[:16]}:{until}", max(1, int(until - time.time())))
        value = cache.get(KEY)
        if value is None:
            return None
    token, _, until = value.partition(":")
    return Generation(token, float(until))


_per_request: weakref.WeakKeyDictionary[HttpRequest, Generation | None] = (
    weakref.WeakKeyDictionary()
)


def for_request(request):
    """`current()`, read once per request (the page cache and the templates' fragments
    agree on it)."""
    if request not in _per_request:
        _per_request[request] = current()
    return _per_request[request]


def retire():
    """Start a new generation at the next read."""
    cache.delete(KEY)
