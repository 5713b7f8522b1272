"""What the site does when PostgreSQL is gone: the 503 page, and long jobs' statement timeout.

Every error Django turns into a 500 passes through `server_error` (the URLconf's handler500).
When the error is the database being unreachable (refused, timed out, cut mid-request) the
visitor gets the site's "back shortly" page with 503 and Retry-After instead: a load balancer
or the edge retries, and nobody is told the site is broken. The page touches no database.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views import defaults

# What psycopg raises when the server cannot be reached or the connection dies; Django wraps
# both. A statement cancelled by statement_timeout is an OperationalError too: the page was
# too slow to build now, which is the same answer for the visitor.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from, means the database is unreachable."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def unavailable_response(request) -> HttpResponse:
    """The 503 page in the address's language (the request may have failed before
    LocaleMiddleware ran), rendered without a request context: no database at all."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = loader.get_template("503.html").render({"language": language})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the database is what failed, Django's 500 otherwise."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request, template_name)


def _no_statement_timeout(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def lift_statement_timeout() -> None:
    """For this process (migrate, the worker): no statement timeout on any connection, new
    or already open. Web requests keep DATABASE_STATEMENT_TIMEOUT."""
    connection_created.connect(_no_statement_timeout, dispatch_uid="no_statement_timeout")
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _no_statement_timeout(None, connection)


def redis_state() -> str | None:
    """ "up" or "down" for the Redis behind the default cache; None when there is none. A
    direct PING: the cache itself hides an outage as misses."""
    from django.core.cache import caches
    from django_redis import get_redis_connection
    from django_redis.cache import RedisCache

    if not isinstance(caches["default"], RedisCache):
        return None
    try:
        get_redis_connection("default").ping()
    except Exception:  # noqa: BLE001 - any failure to answer is "down"
        return "down"
    return "up"
