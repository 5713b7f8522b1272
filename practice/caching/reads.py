"""The cache reads of one request: each key read once, and a render's reads in one round trip.

Everything a render reads from the cache (versions, fragments, routed pages, listings) is
under a key that carries the versions that retire it, so the same key always holds the same
value: a value read earlier in the request is as good as reading it again. A render of an
article reads about twenty such keys, each its own round trip to Redis (about a third of the
render's CPU went to the Redis client).

So this process remembers, per address, the keys the last GET there read (its plan), and at a
request's first read fetches the whole plan with what is asked, in one MGET. A planned key
whose versions have changed since is fetched for nothing and never asked for (the render asks
for the new key, read on its own and planned for the next time), so a plan can cost bytes but
never serve a stale value. Outside a request (a command, a task) every read goes to the cache.
"""

import contextvars

from django.core.cache import cache

from practice.caching.state import LRU

_ABSENT = object()

# The plans of the last 2,000 addresses this process served, least recently used first out:
# a plan is a hint, and junk query strings must not grow them without bound.
plans = LRU(capacity=2_000)


class _Reads:
    __slots__ = ("address", "asked", "plan", "values")

    def __init__(self, address, plan):
        self.address = address
        self.plan = plan
        # The values fetched (planned or asked) or stored: _ABSENT when the cache had none.
        self.values = {}
        # The keys this request asked for or stored, in order: the next request's plan.
        self.asked = {}


_current = contextvars.ContextVar("cache_reads", default=None)


def request_started(environ=None, **kwargs):
    address = None
    if environ is not None and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
        address = (
            environ.get("HTTP_HOST", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )
    plan = plans.get(address) if address is not None else None
    _current.set(_Reads(address, plan))


def request_finished(**kwargs):
    reads = _current.get()
    _current.set(None)
    if reads is None or reads.address is None or not reads.asked:
        return
    plans.put(reads.address, tuple(reads.asked))


def read_many(keys):
    """{key: value} of the keys the cache holds, each read at most once per request."""
    reads = _current.get()
    if reads is None:
        return cache.get_many(keys)
    wanted = [key for key in keys if key not in reads.values]
    if wanted:
        fetch = wanted
        if reads.plan:
            # The first read of the request brings the whole plan along.
            asked = set(wanted)
            fetch = wanted + [
                key for key in reads.plan if key not in asked and key not in reads.values
            ]
            reads.plan = None
        found = cache.get_many(fetch)
        for key in fetch:
            reads.values[key] = found.get(key, _ABSENT)
    reads.asked.update(dict.fromkeys(keys))
    return {key: value for key in keys if (value := reads.values[key]) is not _ABSENT}


def read(key):
    """The value cached under `key`, or None."""
    return read_many([key]).get(key)


def remember(key, value):
    """Note a value this request has just stored (or created) under `key`, as if read."""
    reads = _current.get()
    if reads is not None and value is not None:
        reads.values[key] = value
        reads.asked[key] = None


def store(key, value, timeout):
    """Cache `value` under `key` for `timeout` seconds (None: until evicted), for this request
    too."""
    cache.set(key, value, timeout)
    remember(key, value)


def forget():
    """Drop what this request has read (after this process bumps a version: the keys read
    under the old one are retired, and the new version must be read afresh)."""
    reads = _current.get()
    if reads is not None:
        reads.values.clear()
        reads.asked.clear()
        reads.plan = None


def clear_plans():
    """Forget every address's plan (tests start from a cold process)."""
    plans.clear()
