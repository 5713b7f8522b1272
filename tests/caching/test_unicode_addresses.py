"""Addresses beyond ASCII: Spanish and Greek slugs answer 200 in both languages, from a
render and from the page cache, under the test settings and under gunicorn with the
production settings; a hostile percent-encoding is a 404, never a 500. (Through Varnish:
tests/caching/test_edge_cache.py.)"""

import urllib.error
import urllib.request
from urllib.parse import unquote

import pytest

from tests.caching.test_scale_out import (
    Server,
    _free_port,
    _production_env,
    _require_services,
)
from tests.caching.unicode_pages import HOSTILE_PATHS, make_unicode_pages


@pytest.mark.django_db
@pytest.mark.parametrize("page_cache_on", [False, True], ids=["page-cache-off", "page-cache-on"])
def test_unicode_slugs_answer_in_both_languages(client, seeded, settings, page_cache_on):
    settings.PAGE_CACHE_ENABLED = page_cache_on
    for path in make_unicode_pages():
        first = client.get(path)
        second = client.get(path)
        assert first.status_code == 200 and second.status_code == 200, path
        assert unquote(path).strip("/").split("/")[-1] in second.content.decode()
        if page_cache_on:
            assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), path


@pytest.mark.django_db
@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_hostile_percent_encoding_is_a_404_not_a_500(client, seeded, path):
    assert client.get(path).status_code == 404


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unicode_slugs_under_gunicorn_on_a_miss_and_a_hit(seeded, tmp_path):
    _require_services()
    paths = make_unicode_pages()
    server = Server(_free_port(), _production_env(tmp_path), tmp_path / "server.log")
    try:
        server.wait_ready()
        for path in paths:
            miss = _get(server.base + path)
            hit = _get(server.base + path)
            assert (miss[0], hit[0]) == (200, 200), (path, server.log_tail())
            assert (miss[1]["X-Page-Cache"], hit[1]["X-Page-Cache"]) == ("miss", "hit")
            assert miss[2] == hit[2]
        for path in HOSTILE_PATHS:
            assert _get(server.base + path)[0] == 404, (path, server.log_tail())
    finally:
        server.stop()
