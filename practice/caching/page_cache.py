"""The in-app full-page cache for anonymous visitors: one of the purge sinks.

A cached entry's key carries two version numbers read *before* the page is rendered:
the site generation (bumped when something shown on every page changes: the footer's
offices, the menu, site settings, snippets) and the version of the URL path itself (bumped
when a page at that path, or a listing or feed that shows it, changes). Bumping a version
makes the old entries unreachable at once, and because the versions are read before
rendering, a render that raced with a publish is stored under a dead key, never served.
"""

import dataclasses
import datetime
import hashlib
import logging
import time
import uuid
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from practice.caching import compression, reads
from practice.caching.state import LRU

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# An entry keeps every header the full middleware stack gave its response (security headers,
# CSP, Vary...), so a hit answered before that stack looks the same. These are made afresh
# for each response instead: per request, per coding, or counted down.
PER_RESPONSE_HEADERS = frozenset(
    name.lower()
    for name in (
        "X-Request-ID",
        "X-Page-Cache",
        "Content-Length",
        "Content-Encoding",
        "ETag",
        "Cache-Control",
        "Date",
        "Set-Cookie",
    )
)
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")


def enabled():
    return settings.PAGE_CACHE_ENABLED


def path_version_key(path):
    return "pagecache:path:" + hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()


def _new_version():
    return uuid.uuid4().hex[:12]


def language_generation_key(language=None):
    """The generation of one language's pages (the active one by default): a change shown on
    every page of one language (a Spanish menu page, office) retires only that language's."""
    return f"{GENERATION_KEY}:{language or translation.get_language() or settings.LANGUAGE_CODE}"


def page_language(request):
    """The language of the page at this address: its /es/ prefix, else the default (English
    is unprefixed). The cache runs before LocaleMiddleware, which reads it the same way."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def versions_for(path, language=None):
    """(site generation, path version), creating missing ones, in one or two round trips.

    The site generation is the whole site's and the language's (the active one by default)
    together. A missing
    version gets a fresh random value rather than a default, so a version lost to cache
    eviction can never bring an old entry back to life.
    """
    keys = [GENERATION_KEY, language_generation_key(language), path_version_key(path)]
    found = reads.read_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _new_version(), None)
            found[key] = cache.get(key)
            reads.remember(key, found[key])
    return f"{found[keys[0]]}.{found[keys[1]]}", found[keys[2]]


# Process-local hint: the versions last seen per path. It only saves a round trip: an entry
# is used only when the versions read with it, in the same MGET, still match the hint.
_last_versions = {}
_LAST_VERSIONS_MAX = 10_000


class LocalEntries(LRU):
    """This process's copies of the entries it read or stored, least recently used first out.

    An entry's key carries the versions that retire it, so a copy found under the key just
    computed from versions read from the shared cache is exactly what the shared cache holds:
    a purge changes the versions, hence the key, and the copy is never read again. A copy is
    kept no longer than the shared entry (`Entry.expires_at`) and the copies together hold at
    most `max_bytes` of page bodies. This saves moving and unpickling every coding of the page
    on each hit; the versions still come from the shared cache every time.
    """

    def __init__(self, max_bytes):
        super().__init__(max_bytes, weigh=lambda entry: entry.size)

    @property
    def bytes(self):
        return self.total

    def get(self, key):
        entry = super().get(key)
        if entry is not None and entry.expires_at <= time.time():
            self.discard(key)
            return None
        return entry


local_entries = LocalEntries(settings.PAGE_CACHE_LOCAL_BYTES)


def lookup(request):
    """(entry key, cached entry or None), in one cache round trip when the path is known.

    The versions always come from the shared cache; the entry from this process's copy when
    it holds one under the key they give (LocalEntries), else from the shared cache.
    """
    path = request.path
    path_key = path_version_key(path)
    language = page_language(request)
    language_key = language_generation_key(language)
    hint_key = (language_key, path)
    hint = _last_versions.get(hint_key)
    keys = [GENERATION_KEY, language_key, path_key]
    hinted_key = entry_key(request, hint, language) if hint is not None else None
    local = local_entries.get(hinted_key) if hinted_key else None
    if hinted_key and local is None:
        keys.append(hinted_key)
    found = cache.get_many(keys)
    parts = (found.get(GENERATION_KEY), found.get(language_key), found.get(path_key))
    if None in parts:
        versions = versions_for(path, language)
    else:
        versions = (f"{parts[0]}.{parts[1]}", parts[2])
    if len(_last_versions) >= _LAST_VERSIONS_MAX:
        _last_versions.clear()
    _last_versions[hint_key] = versions
    if versions == hint:
        return hinted_key, local or _keep(hinted_key, found.get(hinted_key))
    key = entry_key(request, versions, language)
    return key, local_entries.get(key) or _keep(key, cache.get(key))


def _keep(key, entry):
    if entry is not None:
        local_entries.put(key, entry)
    return entry


def cache_query(request):
    """The query string a cached page varies by: only the parameters pages read (sorted).

    Anything else (tracking tags, random junk) does not change what a page shows, so it
    neither splits the cache nor forces a render. A page that reads another parameter must
    be listed in PAGE_CACHE_QUERY_PARAMS or answer with Cache-Control: no-store.
    """
    # A repeated parameter counts once, with the value the page reads (QueryDict.get: the last).
    kept = sorted(
        (name, request.GET.get(name))
        for name in set(request.GET) & set(settings.PAGE_CACHE_QUERY_PARAMS)
    )
    return urlencode(kept)


def entry_key(request, versions, language=None):
    generation, path_version = versions
    # The scheme too: a page filled over https carries the HSTS header, one over http not.
    # The language too (from the address, as LocaleMiddleware below reads it): a page is only
    # ever served in the language it was rendered in.
    language = language or page_language(request)
    raw = f"{request.scheme}|{request.get_host()}|{language}|{request.path}|{cache_query(request)}"
    digest = hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()
    # Pages show today's hours and upcoming closures: the practice-zone date in the key
    # means nothing rendered before local midnight is served after it.
    today = timezone.localdate().isoformat()
    return f"pagecache:entry:{generation}:{path_version}:{today}:{digest}"


def seconds_to_local_midnight():
    """Seconds until the next midnight in the practice time zone (at least 1)."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    # Subtracting aware datetimes in one zone is wall-clock arithmetic; compare in UTC so
    # a day with a DST change still ends at the real midnight.
    return max(1, int((midnight.astimezone(datetime.UTC) - now).total_seconds()))


def entry_timeout(response=None):
    """How long a stored page may live: the configured timeout, but never past midnight,
    after which its key (which carries the date) is never read again, nor past the response's
    own `s-maxage` (a page showing an article that expires soon says when it goes stale)."""
    timeout = min(settings.PAGE_CACHE_TIMEOUT, seconds_to_local_midnight())
    shared_max_age = _cache_control(response).get("s-maxage") if response is not None else None
    if shared_max_age is not None and shared_max_age.isdigit():
        timeout = min(timeout, int(shared_max_age))
    return timeout


def _cache_control(response):
    """The response's Cache-Control directives as {name: value or ""}."""
    directives = {}
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip('"')
    return directives


def unprefixed_path(path):
    """`path` without a language prefix (/es/book/ -> /book/), for the excluded prefixes."""
    language = translation.get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def request_is_cacheable(request):
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    excluded = settings.PAGE_CACHE_EXCLUDED_PREFIXES
    if any(path.startswith(excluded) for path in (request.path, unprefixed_path(request.path))):
        return False
    # Anyone with a session may be logged in (editors, previews): they always get a fresh page.
    # Only a session that exists counts: a made-up cookie must not buy an uncached render.
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    return not session_key or not _session_exists(session_key)


def _session_exists(session_key):
    engine = import_module(settings.SESSION_ENGINE)
    return engine.SessionStore().exists(session_key[:64])


def response_is_cacheable(response, request=None):
    if request is not None and not _in_page_language(response, request):
        return False
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    # A cookie means a CSRF token or session was issued: per visitor, never shared. (A mere
    # "Vary: Cookie" is fine: only requests without a session cookie read or fill the cache.)
    if response.cookies:
        return False
    directives = _cache_control(response)
    if directives.keys() & {"private", "no-store", "no-cache"}:
        return False
    if directives.get("s-maxage") == "0":
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type in CACHEABLE_TYPES


def _in_page_language(response, request):
    """False for a response rendered in another language than its address's (an unprefixed,
    non-page URL that LocaleMiddleware answered in the visitor's Accept-Language): it would be
    stored under the address's language and shown to everyone."""
    return response.get("Content-Language", page_language(request)) == page_language(request)


def cache_until(response, expiry):
    """Tell shared caches (this one, a CDN) not to keep `response` past `expiry` (an aware
    datetime or None), when that comes before the usual timeout: `s-maxage` counts down to it.

    For pages showing an article that expires: after the expiry the article is filtered out
    of every query, and `publish_scheduled` purges its paths when it unpublishes it.
    """
    if expiry is not None:
        seconds = int((expiry - timezone.now()).total_seconds())
        if seconds < settings.PAGE_CACHE_TIMEOUT:
            patch_cache_control(response, s_maxage=max(0, seconds))
    return response


@dataclasses.dataclass(frozen=True)
class Entry:
    """A stored page: its body in each coding, the headers the full stack gave it, an ETag
    (a digest of the plain body) and, when shared caches are told how long to keep it, the
    moment it goes stale (counted down as `s-maxage` on every response)."""

    bodies: dict
    headers: tuple
    etag: str
    cache_control: str
    stale_at: float | None
    # When the shared cache drops it (its timeout from when it was stored).
    expires_at: float

    @property
    def size(self):
        return sum(len(body) for body in self.bodies.values())


def _tells_shared_caches(response):
    # A page says how long a shared cache may keep it when it expires early (cache_until), or
    # when the shared caches in front (WAGTAILFRONTENDCACHE) are purged with this one.
    return "s-maxage" in _cache_control(response) or bool(settings.WAGTAILFRONTENDCACHE)


def store(key, response):
    """Store `response` (cacheable, from the full stack) under `key`; returns the Entry."""
    timeout = entry_timeout(response)
    stale_at = time.time() + timeout if _tells_shared_caches(response) else None
    other_directives = ", ".join(
        f"{name}={value}" if value else name
        for name, value in _cache_control(response).items()
        if name != "s-maxage"
    )
    patch_vary_headers(response, ("Accept-Encoding",))
    entry = Entry(
        bodies=compression.variants(response.content),
        headers=tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in PER_RESPONSE_HEADERS
        ),
        etag=hashlib.blake2b(response.content, digest_size=12).hexdigest(),
        cache_control=other_directives,
        stale_at=stale_at,
        expires_at=time.time() + timeout,
    )
    cache.set(key, entry, timeout)
    local_entries.put(key, entry)
    return entry


def response_for(entry, request):
    """The response for `request` from a stored entry: the coding its Accept-Encoding prefers,
    with that body's length and ETag, or a 304 when the client already holds it."""
    # META, not request.headers: that builds a dict of every header, a tenth of a hit's CPU.
    coding = compression.choose(request.META.get("HTTP_ACCEPT_ENCODING", ""), entry.bodies)
    body = entry.bodies[coding or compression.IDENTITY]
    response = HttpResponse(body, headers=dict(entry.headers))
    response["Content-Length"] = str(len(body))
    if coding:
        response["Content-Encoding"] = coding
    # Each coding is its own representation, so its own strong validator.
    response["ETag"] = f'"{entry.etag}-{coding}"' if coding else f'"{entry.etag}"'
    directives = [entry.cache_control] if entry.cache_control else []
    if entry.stale_at is not None:
        directives.append(f"s-maxage={max(0, int(entry.stale_at - time.time()))}")
    if directives:
        response["Cache-Control"] = ", ".join(directives)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def purge_paths(paths):
    """Invalidate every cached variant (query strings included) of these URL paths."""
    keys = {path_version_key(path) for path in paths if path}
    cache.set_many({key: _new_version() for key in keys}, None)
    reads.forget()
    logger.info("page cache purged %s path(s)", len(keys))


def purge_site():
    """Invalidate every cached page: for changes shown on every page (footer, menu)."""
    cache.set(GENERATION_KEY, _new_version(), None)
    reads.forget()
    logger.info("page cache purged for the whole site")


def purge_language(language):
    """Invalidate every cached page in one language: for changes shown on every page of it
    (a Spanish menu page, a Spanish office in the Spanish footer)."""
    cache.set(language_generation_key(language), _new_version(), None)
    reads.forget()
    logger.info("page cache purged for one language")
