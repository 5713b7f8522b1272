"""Site-wide views that are not Wagtail pages: health checks, robots.txt, uploaded images,
the refused-form page."""

import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from security import outage

# Once a process has seen every migration applied it stays so until the next deploy restarts it.
_migrations_applied = False


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so a database outage never
    makes the load balancer kill healthy app servers."""
    return JsonResponse({"status": "ok"})


def _pending_migrations():
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


@never_cache
def readyz(request):
    """Readiness: the database answers and the schema is current (503 otherwise). Redis is
    reported but optional: without it the site is slower, not down, so "degraded" is 200."""
    global _migrations_applied
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_applied:
            if _pending_migrations():
                return JsonResponse({"status": "migrations pending"}, status=503)
            _migrations_applied = True
    except DatabaseError:
        return JsonResponse({"status": "database unavailable", "database": "down"}, status=503)
    redis = outage.redis_state()
    status = "degraded" if redis == "down" else "ready"
    return JsonResponse({"status": status, "database": "up", "redis": redis or "not used"})


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page links: send them to the SVG.

    static() runs per request, not at import, so a missing manifest cannot break the URLconf.
    """
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /book/manage/",
        "Disallow: /book/confirmation/",
        "Disallow: /book/calendar/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


# Wagtail's image folders under MEDIA_ROOT. Documents are left out on purpose: they are
# served by Wagtail's document view, which enforces collection privacy.
IMAGE_FOLDERS = ("images/", "original_images/")
IMAGE_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
# A rendition's name carries its filter and focal point, and a re-uploaded file gets a new
# name, so a day is safe; not `immutable`, since an original can be replaced in place.
MEDIA_MAX_AGE = 24 * 60 * 60


def media_is_local():
    return isinstance(storages["default"], FileSystemStorage)


@require_safe
def media_image(request, path):
    """Uploaded images from MEDIA_ROOT, for a one-server deployment with local files.

    With S3 (AWS_STORAGE_BUCKET_NAME) the bucket or its CDN serves them and this answers 404.
    Only image files in Wagtail's image folders are served; django.views.static.serve
    refuses paths that leave MEDIA_ROOT.
    """
    path = posixpath.normpath(path).lstrip("/")
    extension = path.rsplit(".", 1)[-1].lower()
    if (
        not media_is_local()
        or not path.startswith(IMAGE_FOLDERS)
        or extension not in IMAGE_TYPES
        or extension not in settings.WAGTAILIMAGES_EXTENSIONS
    ):
        raise Http404("No such image.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        response["Content-Type"] = IMAGE_TYPES[extension]
        patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response


def csrf_failure(request, reason=""):
    """A form Django's CSRF check refused (CSRF_FAILURE_VIEW): the site's 403 page, in the
    address's language (LocaleMiddleware has run), saying what the visitor can do. The
    reason is Django's, for developers: visitors are not shown it."""
    problem = gettext(
        "We could not accept this form: the page it came from was open too long, or your "
        "browser did not send back the cookie this site sets. Go back, reload the page and "
        "send the form again. Nothing was saved."
    )
    response = render(request, "403.html", {"problem": problem}, status=403)
    patch_cache_control(response, no_store=True)
    return response


def sitemap(request):
    """Wagtail's sitemap of every language's pages with their hreflang alternates."""
    from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

    from practice.sitemap import MultilingualSitemap

    return wagtail_sitemap(request, sitemaps={"wagtail": MultilingualSitemap})
