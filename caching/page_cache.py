"""The in-app full-page cache for anonymous visitors, on Django's cache API.

An entry is a rendered page (in each coding of caching.compression) stored under
the site generation and the address (scheme, host, language, path, the query parameters
pages read). A change retires the generation, so every entry at once; an entry never
outlives its generation, whose life ends at the next moment pages change by themselves.
"""

import dataclasses
import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from caching import compression

# Made afresh for each response rather than stored: per coding, counted down, or per visitor.
PER_RESPONSE_HEADERS = frozenset(
    name.lower()
    for name in (
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


def page_language(request):
    """The language of the page at this address: its /es/ prefix, else the default."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def cache_query(request):
    """The query string a cached page varies by: only the parameters pages read (sorted), so
    tracking tags and junk neither split the cache nor force a render. A page reading another
    parameter must be listed in PAGE_CACHE_QUERY_PARAMS or answer Cache-Control: private."""
    kept = sorted(
        (name, request.GET.get(name))
        for name in set(request.GET) & set(settings.PAGE_CACHE_QUERY_PARAMS)
    )
    return urlencode(kept)


def entry_key(request, generation):
    # The scheme too: a page filled over https carries the HSTS header, one over http not.
    address = "|".join(
        (
            request.scheme,
            request.get_host(),
            page_language(request),
            request.path,
            cache_query(request),
        )
    )
    digest = hashlib.sha1(address.encode(), usedforsecurity=False).hexdigest()
    return f"page:{generation.token}:{digest}"


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
    # Anyone with a session may be signed in (editors, previews): always a fresh page. Only a
    # session that exists counts: a made-up cookie must not buy an uncached render.
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return not request.session.exists(request.session.session_key)
    return True


def cache_control(response):
    """The response's Cache-Control directives as {name: value or ""}."""
    directives = {}
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip('"')
    return directives


def response_is_cacheable(response, request):
    # A page rendered in another language than its address's would be shown to everyone.
    if translation.get_language() != page_language(request):
        return False
    if response.status_code != 200 or response.streaming:
        return False
    # A cookie means a CSRF token or a session: per visitor, never shared.
    if response.cookies:
        return False
    directives = cache_control(response)
    if directives.keys() & {"private", "no-store", "no-cache"}:
        return False
    if directives.get("s-maxage") == "0":
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type in CACHEABLE_TYPES


@dataclasses.dataclass(frozen=True)
class Entry:
    """A stored page: its body per coding, the headers the view gave it, an ETag (a digest of
    the plain body), its other Cache-Control directives and when it drops out (epoch)."""

    bodies: dict
    headers: tuple
    etag: str
    cache_control: str
    expires_at: float


def entry_timeout(response, generation):
    """The configured timeout, never past the generation's end nor the page's own s-maxage."""
    timeout = min(settings.PAGE_CACHE_TIMEOUT, generation.seconds_left())
    shared_max_age = cache_control(response).get("s-maxage", "")
    if shared_max_age.isdigit():
        timeout = min(timeout, int(shared_max_age))
    return timeout


def store(key, response, generation):
    """Store a cacheable `response` under `key`; returns the Entry (None when it would not
    live a second)."""
    timeout = entry_timeout(response, generation)
    if timeout < 1:
        return None
    directives = ", ".join(
        f"{name}={value}" if value else name
        for name, value in cache_control(response).items()
        if name != "s-maxage"
    )
    entry = Entry(
        bodies=compression.variants(response.content),
        headers=tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in PER_RESPONSE_HEADERS
        ),
        etag=hashlib.blake2b(response.content, digest_size=12).hexdigest(),
        cache_control=directives,
        expires_at=time.time() + timeout,
    )
    cache.set(key, entry, timeout)
    return entry


def response_for(entry, request):
    """The response for `request` from an entry: the coding its Accept-Encoding prefers, with
    that body's length and ETag, or a 304 when the client holds it. A shared cache in front
    (WAGTAILFRONTENDCACHE) may keep it as long as the entry lives, counted down."""
    coding = compression.choose(request.META.get("HTTP_ACCEPT_ENCODING", ""), entry.bodies)
    body = entry.bodies[coding or compression.IDENTITY]
    response = HttpResponse(body, headers=dict(entry.headers))
    response["Content-Length"] = str(len(body))
    if coding:
        response["Content-Encoding"] = coding
    # Each coding is its own representation, so its own strong validator.
    response["ETag"] = f'"{entry.etag}-{coding}"' if coding else f'"{entry.etag}"'
    # Cookie: whether a session exists decides between this entry and a fresh page.
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    if entry.cache_control:
        response["Cache-Control"] = entry.cache_control
    if settings.WAGTAILFRONTENDCACHE:
        patch_cache_control(response, s_maxage=max(0, int(entry.expires_at - time.time())))
    return get_conditional_response(request, etag=response["ETag"], response=response)


def lookup(request, generation):
    """(key, stored Entry or None) for `request` under `generation`."""
    key = entry_key(request, generation)
    return key, cache.get(key)
