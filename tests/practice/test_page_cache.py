"""The full-page cache: fast for anonymous visitors, never stale after a publish."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import PageViewRestriction

from offices.models import OfficePage
from practice import page_cache
from practice.models import ContentPage, PracticeSettings

pytestmark = pytest.mark.django_db


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and its on-commit work (the purge), as a real request would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def _republish(page, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()


@pytest.fixture
def republish(committed):
    """Edit and publish a page the way the admin does: a new revision, then publish it."""
    return lambda page, **changes: committed(_republish, page, **changes)


def test_second_anonymous_visit_is_served_from_cache_without_queries(client, home):
    first, _ = get(client, "/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    second, queries = get(client, "/")
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    # Every security header is still present on a cached response.
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert header in second


def test_publishing_a_page_shows_the_new_version_on_the_next_request(client, home, republish):
    page = ContentPage.objects.get(slug="privacy-policy")
    get(client, "/privacy-policy/")
    assert get(client, "/privacy-policy/")[0]["X-Page-Cache"] == "hit"
    republish(page, title="Our privacy promise")
    response, _ = get(client, "/privacy-policy/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Our privacy promise" in response.content


def test_purge_is_targeted_at_the_page_and_its_listings(client, home, republish):
    for path in ("/privacy-policy/", "/", "/offices/", "/about/"):
        get(client, path)
    republish(ContentPage.objects.get(slug="privacy-policy"), intro="Updated intro.")
    assert get(client, "/privacy-policy/")[0]["X-Page-Cache"] == "miss"
    assert get(client, "/")[0]["X-Page-Cache"] == "miss"  # its parent lists it
    # Pages that do not show it stay cached.
    assert get(client, "/offices/")[0]["X-Page-Cache"] == "hit"
    assert get(client, "/about/")[0]["X-Page-Cache"] == "hit"


def test_unpublishing_removes_the_page_at_once(client, home, committed):
    get(client, "/privacy-policy/")
    committed(ContentPage.objects.get(slug="privacy-policy").unpublish)
    assert client.get("/privacy-policy/").status_code == 404


def test_publishing_an_office_refreshes_the_footer_everywhere(client, home, republish):
    get(client, "/about/")
    office = OfficePage.objects.get(slug="santa-monica")
    republish(office, title="Santa Monica Studio")
    response, _ = get(client, "/about/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Santa Monica Studio" in response.content


def test_menu_pages_purge_every_page(client, home, republish):
    get(client, "/privacy-policy/")
    republish(ContentPage.objects.get(slug="about"), title="About us")
    response, _ = get(client, "/privacy-policy/")
    assert response["X-Page-Cache"] == "miss"
    assert b"About us" in response.content


def test_site_settings_purge_every_page(client, home, committed):
    get(client, "/about/")
    settings_row = PracticeSettings.for_site(home.get_site())
    assert isinstance(settings_row, BaseSiteSetting)
    settings_row.main_phone = "+13105559999"
    committed(settings_row.save)
    response, _ = get(client, "/about/")
    assert response["X-Page-Cache"] == "miss"
    assert b"555-9999" in response.content


def test_draft_saves_do_not_change_what_visitors_see(client, home, committed):
    get(client, "/privacy-policy/")
    page = ContentPage.objects.get(slug="privacy-policy")
    page.title = "Secret draft title"
    committed(page.save_revision)
    response, _ = get(client, "/privacy-policy/")
    assert response["X-Page-Cache"] == "hit"
    assert b"Secret draft title" not in response.content


def test_logged_in_editors_bypass_the_cache(client, home, superuser):
    get(client, "/about/")
    client.force_login(superuser)
    response, queries = get(client, "/about/")
    assert "X-Page-Cache" not in response
    assert queries > 0


def test_pages_with_forms_are_never_shared(client, home):
    from consultations.models import Mode

    office = OfficePage.objects.get(slug="santa-monica")
    paths = ["/book/", f"/book/times/?mode={Mode.IN_PERSON}&office={office.pk}"]
    for path in paths:
        first = client.get(path)
        second = client.get(path)
        assert "X-Page-Cache" not in second
        assert "no-store" in second["Cache-Control"] and "private" in second["Cache-Control"]
        assert first.status_code == 200
    # A response that sets a CSRF cookie is never stored, wherever it comes from.
    response = HttpResponse("<form></form>", content_type="text/html")
    response.set_cookie("csrftoken", "abc")
    assert not page_cache.response_is_cacheable(response)


def test_a_render_that_raced_a_publish_is_never_served(rf, home):
    request = rf.get("/privacy-policy/")
    stale_key = page_cache.entry_key(request, page_cache.versions_for("/privacy-policy/"))
    page_cache.purge_paths(["/privacy-policy/"])  # the publish commits mid-render
    page_cache.store(stale_key, HttpResponse(b"old", content_type="text/html"))
    fresh_key = page_cache.entry_key(request, page_cache.versions_for("/privacy-policy/"))
    assert fresh_key != stale_key
    assert page_cache.fetch(fresh_key) is None


def test_a_lost_version_key_does_not_revive_old_entries(rf, home):
    from django.core.cache import cache

    request = rf.get("/about/")
    old_key = page_cache.entry_key(request, page_cache.versions_for("/about/"))
    page_cache.store(old_key, HttpResponse(b"old", content_type="text/html"))
    cache.delete(page_cache._path_version_key("/about/"))  # evicted under memory pressure
    assert page_cache.entry_key(request, page_cache.versions_for("/about/")) != old_key


def test_cache_can_be_switched_off(client, settings, home):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/about/")
    assert "X-Page-Cache" not in client.get("/about/")


def test_the_one_round_trip_hint_never_serves_a_purged_entry(rf, home):
    request = rf.get("/about/")
    key, entry = page_cache.lookup(request)
    assert entry is None
    page_cache.store(key, HttpResponse(b"v1", content_type="text/html"))
    assert page_cache.lookup(request)[1][0] == b"v1"  # served through the hint
    page_cache.purge_paths(["/about/"])
    fresh_key, entry = page_cache.lookup(request)  # the hint is stale now
    assert entry is None and fresh_key != key
    page_cache.purge_site()
    assert page_cache.lookup(request)[1] is None


def test_taking_a_page_out_of_the_menu_purges_every_page(client, home, republish):
    assert b'href="/about/"' in get(client, "/privacy-policy/")[0].content
    republish(ContentPage.objects.get(slug="about"), show_in_menus=False)
    response, _ = get(client, "/privacy-policy/")
    assert response["X-Page-Cache"] == "miss"
    menu = response.content.split(b'class="main-nav"')[1].split(b"</nav>")[0]
    assert b'href="/about/"' not in menu


def test_a_new_slug_stops_the_old_url_serving_the_old_page(client, home, republish):
    get(client, "/privacy-policy/")
    assert get(client, "/privacy-policy/")[0]["X-Page-Cache"] == "hit"
    republish(ContentPage.objects.get(slug="privacy-policy"), slug="privacy")
    old = client.get("/privacy-policy/")
    assert old.status_code in (301, 302, 404)  # a managed redirect, or gone: never stale
    assert "X-Page-Cache" not in old or old["X-Page-Cache"] == "miss"
    assert client.get("/privacy/").status_code == 200


def test_a_new_privacy_restriction_takes_effect_at_once(client, home, committed):
    page = ContentPage.objects.get(slug="about")
    get(client, "/about/")
    cached, _ = get(client, "/about/")
    assert cached["X-Page-Cache"] == "hit"
    intro = page.intro.encode()
    committed(
        PageViewRestriction.objects.create,
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="members-only",
    )
    response, _ = get(client, "/about/")
    assert response.get("X-Page-Cache") != "hit"
    assert b'type="password"' in response.content
    assert intro not in response.content


def test_the_menu_is_built_once_and_rebuilt_after_a_menu_page_changes(
    client, home, republish, rendered
):
    """With the page cache off (a logged-in editor's view), the menu still costs no query
    per page, and is never stale."""

    def menu_queries(path):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        menu = response.content.split(b'class="main-nav"')[1].split(b"</nav>")[0]
        return menu, [q for q in queries if "show_in_menus" in q["sql"].split("WHERE")[-1]]

    menu, queries = menu_queries("/about/")
    assert b'href="/about/"' in menu and queries
    menu, queries = menu_queries("/privacy-policy/")
    assert b'href="/about/"' in menu and queries == []
    republish(ContentPage.objects.get(slug="about"), title="Who we are")
    menu, queries = menu_queries("/privacy-policy/")
    assert b"Who we are" in menu and queries
    republish(ContentPage.objects.get(slug="about"), show_in_menus=False)
    menu, _ = menu_queries("/privacy-policy/")
    assert b'href="/about/"' not in menu
