"""A render's cache reads (practice.caching.reads): each key read once per request, and the
keys the last render at an address read fetched together in one round trip, never serving
what a change has retired."""

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started

from blog.models import BlogPage
from offices.models import OfficePage
from practice.caching import page_cache, read_cached, reads, store_cached

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_trips(monkeypatch):
    """Count the default cache's reads (a GET or an MGET each: one round trip to Redis)."""
    backend = caches["default"]
    counted = []
    for name in ("get", "get_many"):
        method = getattr(backend, name)

        def spy(*args, _method=method, _name=name, **kwargs):
            counted.append(_name)
            return _method(*args, **kwargs)

        monkeypatch.setattr(backend, name, spy)
    return counted


def page_urls():
    article = BlogPage.objects.live().filter(locale__language_code="en").first()
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    return {"home": "/", "blog index": "/blog/", "article": article.url, "office": office.url}


def reads_of_one_render(client, url, round_trips):
    round_trips.clear()
    response = client.get(url)
    assert response.status_code == 200
    return len(round_trips), response.content


@pytest.mark.parametrize("page", ["home", "blog index", "article", "office"])
def test_a_render_reads_the_cache_in_one_round_trip_once_planned(
    client, seeded, rendered, round_trips, page
):
    url = page_urls()[page]
    client.get(url)  # builds and stores every fragment
    reads.clear_plans()  # a process that has not served this address yet
    cold, cold_html = reads_of_one_render(client, url, round_trips)
    warm, warm_html = reads_of_one_render(client, url, round_trips)
    # The plan's MGET, and Wagtail's own read of its site root paths.
    assert warm <= 2 < cold, (warm, cold)
    assert warm_html == cold_html


def test_a_plan_never_serves_what_a_publish_retired(fetch, seeded, round_trips):
    article = BlogPage.objects.live().filter(locale__language_code="en").first()
    url = article.url
    fetch(url), fetch(url)  # the second render is planned: its keys come in one MGET

    def publish():
        article.title = "A title written after the plan was made"
        article.save_revision().publish()

    fetch.change(publish)
    html = fetch(url)
    assert "A title written after the plan was made" in html
    # The stale keys the plan brought along were never asked for: the next plan is the new
    # render's, in one round trip again.
    assert fetch(url) == html


def test_plans_are_kept_for_a_bounded_number_of_addresses(
    client, seeded, rendered, round_trips, monkeypatch
):
    monkeypatch.setattr(reads.plans, "capacity", 1)
    urls = page_urls()
    client.get(urls["article"]), client.get(urls["office"])
    planned, _ = reads_of_one_render(client, urls["office"], round_trips)
    # The office page's plan pushed the article's out: the article reads key by key again.
    unplanned, _ = reads_of_one_render(client, urls["article"], round_trips)
    assert planned <= 2 < unplanned


def in_a_request(path="/"):
    request_started.send(sender=None, environ={"REQUEST_METHOD": "GET", "PATH_INFO": path})


def test_a_key_is_read_once_per_request_until_this_process_purges(db):
    caches["default"].set("test:reads:key", "first")
    in_a_request()
    try:
        assert read_cached("test:reads:key") == "first"
        caches["default"].set("test:reads:key", "second")  # as another process would
        assert read_cached("test:reads:key") == "first"  # one read per request
        page_cache.purge_site()  # a purge retires versions: what was read is read afresh
        assert read_cached("test:reads:key") == "second"
    finally:
        request_finished.send(sender=None)


def test_a_stored_value_is_seen_by_the_rest_of_the_request(db):
    in_a_request()
    try:
        assert read_cached("test:reads:stored") is None
        store_cached("test:reads:stored", [1, 2], 60)
        assert read_cached("test:reads:stored") == [1, 2]
    finally:
        request_finished.send(sender=None)
    assert caches["default"].get("test:reads:stored") == [1, 2]


def test_outside_a_request_every_read_goes_to_the_cache(db):
    caches["default"].set("test:reads:outside", "first")
    assert read_cached("test:reads:outside") == "first"
    caches["default"].set("test:reads:outside", "second")
    assert read_cached("test:reads:outside") == "second"


def test_a_post_leaves_no_plan(client, seeded, rendered, round_trips):
    url = page_urls()["office"]
    client.post(url, {})  # a page answers a POST as it likes; nothing is planned from it
    first, _ = reads_of_one_render(client, url, round_trips)
    second, _ = reads_of_one_render(client, url, round_trips)
    assert second <= 2 < first
