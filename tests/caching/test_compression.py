"""Cached pages go out compressed (Brotli or gzip, as the client accepts), made once on store."""

import gzip

import brotli
import pytest

from caching import compression

pytestmark = pytest.mark.django_db


def _fetch(client, path, accept_encoding=None):
    extra = {"HTTP_ACCEPT_ENCODING": accept_encoding} if accept_encoding is not None else {}
    return client.get(path, **extra)


@pytest.mark.parametrize("state", ["miss", "hit"])
@pytest.mark.parametrize(
    ("accept", "coding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
        ("*", "br", brotli.decompress),
        (None, None, bytes),
        ("identity", None, bytes),
        ("gzip;q=0, br;q=0", None, bytes),
    ],
)
def test_a_cached_page_is_sent_in_the_coding_the_client_accepts(
    client, home, settings, state, accept, coding, decode
):
    settings.PAGE_CACHE_ENABLED = False
    plain = client.get("/blog/").content
    settings.PAGE_CACHE_ENABLED = True
    if state == "hit":
        _fetch(client, "/blog/", "gzip")
    response = _fetch(client, "/blog/", accept)
    assert response["X-Page-Cache"] == state
    assert response.get("Content-Encoding") == coding
    assert "Accept-Encoding" in response["Vary"] and "Cookie" in response["Vary"]
    assert int(response["Content-Length"]) == len(response.content)
    assert decode(response.content) == plain
    if coding:
        assert len(response.content) < len(plain) / 3


def test_each_coding_has_its_own_etag_and_a_matching_one_gets_a_304(client, home):
    etags = {
        accept: _fetch(client, "/about/", accept)["ETag"] for accept in ("br", "gzip", "identity")
    }
    assert len(set(etags.values())) == 3
    assert all(etag.startswith('"') and etag.endswith('"') for etag in etags.values())
    not_modified = client.get("/about/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etags["br"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etags["br"]
    # Another coding's validator does not match: the client gets the body it asked for.
    other = client.get("/about/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etags["gzip"])
    assert other.status_code == 200 and other["Content-Encoding"] == "br"


def test_a_republished_page_gets_a_new_etag(client, home, django_capture_on_commit_callbacks):
    from practice.models import ContentPage

    before = _fetch(client, "/privacy-policy/", "br")["ETag"]
    page = ContentPage.objects.get(slug="privacy-policy")
    page.title = "Privacy, reworded"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    after = client.get("/privacy-policy/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


@pytest.mark.parametrize("path", ["/book/", "/admin/login/"])
def test_pages_that_are_not_shared_are_never_compressed(client, home, path):
    # They can carry a CSRF token and what a visitor typed (BREACH): sent as they are.
    response = _fetch(client, path, "gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_logged_in_editor_gets_pages_uncompressed_and_uncached(client, home, superuser):
    _fetch(client, "/about/", "br")
    client.force_login(superuser)
    response = _fetch(client, "/about/", "br")
    assert "Content-Encoding" not in response and "X-Page-Cache" not in response


def test_a_tiny_body_is_kept_only_as_it_is():
    assert set(compression.variants(b"ok")) == {"identity"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", set()),
        ("gzip", {"gzip"}),
        ("GZIP, BR", {"gzip", "br"}),
        ("br;q=0.5, gzip;q=0", {"br"}),
        ("*;q=0.1, br;q=0", {"gzip"}),
        ("br;q=abc, gzip", {"gzip"}),
        ("br;level=3", set()),
        (",,; ,", set()),
    ],
)
def test_accept_encoding_is_read_with_its_weights(header, expected):
    assert compression.accepted_codings(header) == expected
