"""A page-cache hit is the page the whole stack gives: the same body and headers, the
middleware above the cache run afresh, none below it."""

from importlib import import_module
from unittest import mock

import pytest
from django.conf import settings
from django.middleware.common import CommonMiddleware
from django.test import Client

pytestmark = pytest.mark.django_db

# Made afresh per response (request ids) or by the cache itself (its marker, validators,
# and Accept-Encoding in Vary); every other header must be the full stack's, value for value.
CACHE_ONLY = {"X-Page-Cache", "ETag"}
PER_REQUEST = {"X-Request-ID"}


def _headers(response):
    return dict(response.items())


@pytest.mark.parametrize("path", ["/", "/blog/", "/offices/", "/search/", "/sitemap.xml"])
def test_a_hit_carries_every_header_of_the_full_stack(client, home, settings, path):
    settings.PAGE_CACHE_ENABLED = False
    full = client.get(path)
    settings.PAGE_CACHE_ENABLED = True
    assert client.get(path)["X-Page-Cache"] == "miss"
    hit = client.get(path)
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == full.content

    full_headers, hit_headers = _headers(full), _headers(hit)
    vary = {part.strip() for part in hit_headers.pop("Vary").split(",")}
    assert vary == {*full_headers.pop("Vary").split(", "), "Accept-Encoding"}
    assert {n: v for n, v in hit_headers.items() if n not in CACHE_ONLY | PER_REQUEST} == {
        n: v for n, v in full_headers.items() if n not in PER_REQUEST
    }
    assert hit["X-Request-ID"] and hit["X-Request-ID"] != full["X-Request-ID"]


def test_a_hit_runs_none_of_the_middleware_below_the_cache(home):
    original = CommonMiddleware.process_request
    with mock.patch.object(
        CommonMiddleware, "process_request", autospec=True, side_effect=original
    ) as calls:
        client = Client()  # builds its middleware chain with the patched method
        assert client.get("/about/")["X-Page-Cache"] == "miss"
        assert calls.call_count == 1
        assert client.get("/about/")["X-Page-Cache"] == "hit"
        assert calls.call_count == 1


def test_a_hit_keeps_the_load_balancers_request_id_and_logs_one_access_line(client, home):
    client.get("/about/")
    with mock.patch("security.middleware.access_logger") as access:
        hit = client.get("/about/", HTTP_X_REQUEST_ID="lb-1234")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["X-Request-ID"] == "lb-1234"
    [call] = access.info.call_args_list
    assert call.kwargs["extra"]["status"] == 200 and call.kwargs["extra"]["path"] == "/about/"


def test_a_real_session_is_never_served_a_hit(client, home):
    client.get("/about/")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["seen"] = True
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert "X-Page-Cache" not in client.get("/about/")


def test_staff_are_never_served_a_hit(client, home, superuser):
    client.get("/about/")
    client.force_login(superuser)
    response = client.get("/about/")
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_post_to_a_cached_page_goes_through_the_whole_stack(home):
    client = Client(enforce_csrf_checks=True)
    client.get("/about/")
    response = client.post("/about/", {"x": "1"})
    assert "X-Page-Cache" not in response
    assert response.status_code == 403  # CSRF, below the cache, still judges it


@pytest.mark.parametrize("path", ["/about/%01", "/about/?page=%00"])
def test_refused_input_is_still_a_400_when_the_page_is_cached(client, home, path):
    client.get("/about/")
    response = client.get(path)
    assert response.status_code == 400
    assert "X-Page-Cache" not in response
    assert "Content-Security-Policy" in response  # answered by the whole stack


def test_plain_http_is_still_redirected_when_the_page_is_cached(client, home, settings):
    settings.SECURE_SSL_REDIRECT = True
    client.get("/about/", secure=True)
    assert client.get("/about/", secure=True)["X-Page-Cache"] == "hit"
    response = client.get("/about/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about/"


def test_a_host_not_allowed_is_still_a_400(client, home, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    client.get("/about/")
    response = client.get("/about/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_a_page_filled_over_http_never_answers_https_without_hsts(client, home, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    assert "Strict-Transport-Security" not in client.get("/about/")
    response = client.get("/about/", secure=True)
    assert response["X-Page-Cache"] == "miss"  # its own entry: the scheme is in the key
    assert response["Strict-Transport-Security"] == "max-age=3600"
