"""Site-wide views that are not Wagtail pages: health checks and robots.txt."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
    """Readiness: the database answers and the schema is current."""
    global _migrations_applied
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_applied:
            if _pending_migrations():
                return JsonResponse({"status": "migrations pending"}, status=503)
            _migrations_applied = True
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ready"})


@require_GET
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
