"""The site's error pages on demand, for `make lighthouse` to score them on a running site.

Off unless ERROR_PAGES_PREVIEW is set (it answers 404 then): a real 403, CSRF failure or 500
needs a refused request or a bug, which a crawler cannot cause. Each preview is rendered by
the same view Django calls for the real thing, with the same status, in the language named.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.views.decorators.http import require_safe
from django.views.defaults import permission_denied, server_error

from practice.views import csrf_failure

RENDERERS = {
    "403": lambda request: permission_denied(request, PermissionDenied()),
    "csrf": csrf_failure,
    "500": server_error,
}


@require_safe
def preview(request, language, kind):
    if not settings.ERROR_PAGES_PREVIEW or kind not in RENDERERS:
        raise Http404("No error page preview here.")
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = RENDERERS[kind](request)
        response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex"
    return response
