"""Page-cache hits answered by the WSGI application before Django's handler, and the
process-local copies of entries; both must give exactly what the middleware would."""

import io
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client

from practice.caching import page_cache
from practice.middleware import PageCacheApplication

pytestmark = pytest.mark.django_db

PER_REQUEST = {"X-Request-ID"}


class Recorder:
    """Django's own handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.paths = []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"])
        # As Django's test client does: the test's transaction must outlive the request (the
        # connection would otherwise be closed as obsolete once older than CONN_MAX_AGE).
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            chunks = self.handler(environ, start_response)
            body = b"".join(chunks)
            chunks.close()
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        return [body]


def call(application, path, method="GET", query="", **headers):
    """(status, headers, body) of one request through a WSGI application."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        **{"HTTP_" + name.upper(): value for name, value in headers.items()},
    }
    started = []
    chunks = application(
        environ, lambda status, headers, exc_info=None: started.append((status, headers))
    )
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    status, header_list = started[0]
    return status, dict(header_list), body


@pytest.fixture
def app():
    inner = Recorder()
    return PageCacheApplication(inner), inner


def test_a_hit_is_answered_without_djangos_handler_and_matches_the_middlewares(home, app):
    application, inner = app
    status, headers, body = call(application, "/about/")
    assert status == "200 OK" and headers["X-Page-Cache"] == "miss"
    assert inner.paths == ["/about/"]

    status, wsgi_hit, wsgi_body = call(application, "/about/")
    assert status == "200 OK" and wsgi_hit["X-Page-Cache"] == "hit"
    assert inner.paths == ["/about/"]  # the handler never saw the hit

    middleware_hit = Client().get("/about/")  # the same entry, answered by the middleware
    assert middleware_hit["X-Page-Cache"] == "hit"
    assert wsgi_body == body == middleware_hit.content
    assert {n: v for n, v in wsgi_hit.items() if n not in PER_REQUEST} == {
        n: v for n, v in middleware_hit.items() if n not in PER_REQUEST
    }
    assert wsgi_hit["X-Request-ID"] != headers["X-Request-ID"]


def test_a_miss_is_looked_up_once(home, app):
    application, inner = app
    with mock.patch.object(page_cache, "lookup", wraps=page_cache.lookup) as lookup:
        status, headers, _ = call(application, "/about/")
    assert headers["X-Page-Cache"] == "miss" and lookup.call_count == 1
    assert inner.paths == ["/about/"]


def test_a_hit_answers_the_clients_coding_and_a_304_for_its_etag(home, app):
    application, _ = app
    call(application, "/about/")
    _, brotli, body = call(application, "/about/", accept_encoding="gzip, br")
    assert brotli["Content-Encoding"] == "br" and int(brotli["Content-Length"]) == len(body)
    status, _, body = call(
        application, "/about/", accept_encoding="br", if_none_match=brotli["ETag"]
    )
    assert status == "304 Not Modified" and body == b""


@pytest.mark.parametrize("path", ["/static/css/site.css", "/admin/", "/book/", "/healthz"])
def test_excluded_paths_go_straight_to_django(home, app, path):
    application, inner = app
    with mock.patch.object(page_cache, "lookup") as lookup:
        call(application, path)
        call(application, path)
    assert lookup.call_count == 0
    assert inner.paths == [path, path]


def test_a_session_a_post_and_refused_input_reach_django(home, app):
    application, inner = app
    call(application, "/about/")
    store = __import__(settings.SESSION_ENGINE, fromlist=["SessionStore"]).SessionStore()
    store["seen"] = True
    store.save()
    _, headers, _ = call(
        application, "/about/", cookie=f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    )
    assert "X-Page-Cache" not in headers
    status, headers, _ = call(application, "/about/", method="POST")
    assert "X-Page-Cache" not in headers
    status, headers, _ = call(application, "/about/", query="page=%00")
    assert status.startswith("400") and "X-Page-Cache" not in headers
    assert inner.paths == ["/about/"] * 4


def test_a_publish_shows_at_once_through_the_wsgi_hit(
    home, app, django_capture_on_commit_callbacks
):
    from practice.models import ContentPage

    application, _ = app
    call(application, "/about/")
    assert call(application, "/about/")[1]["X-Page-Cache"] == "hit"
    about = ContentPage.objects.get(slug="about", locale__language_code="en")
    about.title = "About the practice, revised"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    _, headers, body = call(application, "/about/")
    assert headers["X-Page-Cache"] == "miss"
    assert b"About the practice, revised" in body


def test_a_local_copy_is_never_used_after_a_purge(home, client):
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    copies = len(page_cache.local_entries)
    assert copies >= 1
    page_cache.purge_paths(["/about/"])
    assert client.get("/about/")["X-Page-Cache"] == "miss"


def test_a_local_copy_is_read_without_moving_the_page_again(home, client):
    client.get("/about/")
    cache = page_cache.cache
    with (
        mock.patch.object(cache, "get", wraps=cache.get) as get,
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
    ):
        assert client.get("/about/")["X-Page-Cache"] == "hit"
        assert client.get("/about/")["X-Page-Cache"] == "hit"
    read = [call.args[0] for call in get.call_args_list]
    read += [key for call in get_many.call_args_list for key in call.args[0]]
    assert page_cache.GENERATION_KEY in read  # the versions still come from the shared cache
    assert not [key for key in read if key.startswith("pagecache:entry:")]


def _entry(size, expires_in=60):
    return page_cache.Entry(
        bodies={"identity": b"x" * size},
        headers=(),
        etag="e",
        cache_control="",
        stale_at=None,
        expires_at=time.time() + expires_in,
    )


def test_local_copies_stay_within_their_bytes_oldest_out_first():
    local = page_cache.LocalEntries(max_bytes=250)
    local.put("a", _entry(100))
    local.put("b", _entry(100))
    assert local.get("a") is not None  # now the most recently used
    local.put("c", _entry(100))
    assert local.get("b") is None and local.get("a") and local.get("c")
    assert local.bytes == 200
    local.put("huge", _entry(1000))
    assert local.get("huge") is None and local.bytes == 200


def test_a_local_copy_dies_with_its_shared_entry():
    local = page_cache.LocalEntries(max_bytes=1000)
    local.put("gone", _entry(10, expires_in=-1))
    assert local.get("gone") is None and local.bytes == 0
