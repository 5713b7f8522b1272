"""Site-wide middleware: request ids and access log, security headers, two-factor sign-in.

The page cache's middleware is caching.middleware."""

import logging
import re
import time
import uuid
from functools import cache

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from security import two_factor
from security.logging import mask_path, request_id_var

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
