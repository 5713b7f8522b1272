"""Site-wide middleware: request ids and access log, security headers, full-page cache."""

import logging
import re
import time
import uuid
from functools import cache

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from practice import input_guard, two_factor
from practice.caching import page_cache
from practice.logging import mask_path, request_id_var

access_logger = logging.getLogger("practice.access")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id_for(request):
    """The load balancer's X-Request-ID if sane, else a new one."""
    # META, not request.headers, which builds a dict of every header on each request.
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    return incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


def log_access(request, response, started):
    access_logger.info(
        "request",
        extra={
            "method": request.method,
            "path": mask_path(request.path),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )


class RequestIdMiddleware:
    """Give each request an id (kept from the load balancer's X-Request-ID if sane) and log it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            log_access(request, response, started)
            return response
        finally:
            request_id_var.reset(token)


class SiteCSPMiddleware:
    """The strict public policy everywhere, and Wagtail's admin under its own policy.

    The site uses no nonces and no per-view policies, so each policy's header is one string,
    built once with django-csp's `build_policy` from the CONTENT_SECURITY_POLICY settings:
    django-csp's own middleware rebuilds it on every response (about 40 microseconds, a tenth
    of a page-cache hit). A view that sets its own header keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = _policy_header(request.path.startswith(settings.ADMIN_CSP_PREFIXES))
        return response


@cache
def _policy_header(admin):
    if admin:
        return build_policy(config=settings.ADMIN_CONTENT_SECURITY_POLICY)
    return build_policy()


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def answer_hit(request, entry, started):
    """The response for a page-cache hit: the stored page, a fresh request id, one access
    line (what the full stack would add), from PageCacheMiddleware or PageCacheApplication."""
    request_id = request_id_for(request)
    token = request_id_var.set(request_id)
    try:
        response = page_cache.response_for(entry, request)
        response["X-Page-Cache"] = "hit"
        response["X-Request-ID"] = request_id
        log_access(request, response, started)
        return response
    finally:
        request_id_var.reset(token)


def is_candidate(request):
    """Whether `request` may be answered from the page cache: what the stack below would stop
    before any page is not (a request to redirect to https, a host not allowed, input the guard
    refuses: all answered by the full stack), nor a session (page_cache.request_is_cacheable,
    once the guard has dropped bad cookies)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False
    try:
        request.get_host()
    except DisallowedHost:
        return False
    input_guard.clean_cookies(request)
    if input_guard.refusal(request):
        return False
    return page_cache.request_is_cacheable(request)


# Where PageCacheApplication leaves the lookup it made for a miss, so the middleware, which
# stores the page the stack renders, does not make it again.
LOOKUP_ENVIRON_KEY = "practice.page_cache.lookup"


class PageCacheMiddleware:
    """The full-page cache, first in the stack: a hit is answered before any other middleware
    runs, with the headers that stack gave the page when it was stored (security headers,
    CSP, Vary...), a fresh request id and one access line, as the full stack would.

    Only requests the rest of the stack would answer with the cached page are candidates
    (`is_candidate`); any other goes through the whole stack untouched. A miss runs the whole
    stack, stores what it gives and answers from the stored entry, so a miss and a hit carry
    the same headers. Under gunicorn, PageCacheApplication answers hits before Django's
    handler is reached at all; this middleware then sees only misses (and every request made
    through Django's test client or another entry point).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        looked_up = request.META.pop(LOOKUP_ENVIRON_KEY, None)
        if looked_up is None:
            if not is_candidate(request):
                return self.get_response(request)
            looked_up = page_cache.lookup(request)
        key, entry = looked_up
        if entry is not None:
            return answer_hit(request, entry, started)
        response = self.get_response(request)
        if not page_cache.response_is_cacheable(response, request):
            return response
        stored = page_cache.response_for(page_cache.store(key, response), request)
        stored["X-Page-Cache"] = "miss"
        if "X-Request-ID" in response:
            stored["X-Request-ID"] = response["X-Request-ID"]
        return stored


class PageCacheApplication:
    """The WSGI application (practice.wsgi): answers page-cache hits before Django's request
    handler runs, and hands everything else to it.

    A hit then costs only the cache lookup and the response: no handler, no request signals
    (which close database connections and caches: a hit uses neither), no middleware. The
    decisions are PageCacheMiddleware's own (`is_candidate`, `page_cache.lookup`,
    `answer_hit`), so a hit here is the response the middleware would give; a miss passes its
    lookup on in the WSGI environ for the middleware to store the rendered page under.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        # Static files, the admin and the booking flow never come from the page cache: hand
        # them over before building a request (whitenoise's files stay as fast as they are).
        if not page_cache.enabled() or environ.get("PATH_INFO", "").startswith(
            settings.PAGE_CACHE_EXCLUDED_PREFIXES
        ):
            return self.application(environ, start_response)
        request = WSGIRequest(environ)
        if not is_candidate(request):
            return self.application(environ, start_response)
        key, entry = page_cache.lookup(request)
        if entry is None:
            environ[LOOKUP_ENVIRON_KEY] = (key, None)
            return self.application(environ, start_response)
        response = answer_hit(request, entry, started)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]


class TwoFactorMiddleware:
    """A signed-in user who owes a second factor sees only the code prompt (or the set-up
    page, where it is required and no app is set up yet), sign-out and static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if two_factor.needs_code(request) and not self._open(request.path):
            verify = reverse("two_factor_verify")
            return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _open(path):
        names = (
            "two_factor_verify",
            "two_factor",
            "wagtailadmin_login",
            "wagtailadmin_logout",
            "wagtailadmin_javascript_catalog",  # the prompt page's scripts
            "wagtailadmin_sprite",
        )
        prefixes = (settings.STATIC_URL, settings.MEDIA_URL)
        return path in {reverse(name) for name in names} or path.startswith(prefixes)
