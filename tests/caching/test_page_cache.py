"""The full-page cache: fast for anonymous visitors, never stale after a publish."""

import datetime
import time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import PageViewRestriction

from caching import generation, page_cache
from core.site_settings import PracticeSettings
from offices.models import HoursException, OfficePage
from practice.models import ContentPage

pytestmark = pytest.mark.django_db

# An edge in front: pages then tell shared caches how long they may keep them.
EDGE = {"default": {"BACKEND": "tests.caching.frontend_cache_backend.RecordingBackend"}}


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


def test_a_publish_retires_every_page(client, home, republish):
    # Correct by construction: no page can keep showing what changed, whatever links it.
    paths = ("/privacy-policy/", "/", "/offices/", "/about/", "/blog/", "/es/")
    for path in paths:
        get(client, path)
        assert get(client, path)[0]["X-Page-Cache"] == "hit"
    republish(ContentPage.objects.get(slug="privacy-policy"), intro="Updated intro.")
    for path in paths:
        assert get(client, path)[0]["X-Page-Cache"] == "miss", path


def test_unpublishing_removes_the_page_at_once(client, home, committed):
    get(client, "/privacy-policy/")
    committed(ContentPage.objects.get(slug="privacy-policy").unpublish)
    assert client.get("/privacy-policy/").status_code == 404


def test_publishing_an_office_refreshes_the_footer_everywhere(client, home, republish):
    get(client, "/about/")
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
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

    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
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
    assert not page_cache.response_is_cacheable(response, RequestFactory().get("/about/"))


def test_a_render_that_raced_a_publish_is_never_served(rf, home):
    request = rf.get("/privacy-policy/")
    stale_key = page_cache.entry_key(request, generation.current())
    generation.retire()  # the publish commits mid-render
    old = generation.Generation("gone", time.time() + 60)
    page_cache.store(stale_key, HttpResponse(b"old", content_type="text/html"), old)
    fresh_key, entry = page_cache.lookup(request, generation.current())  # the next visitor
    assert fresh_key != stale_key
    assert entry is None


def test_a_lost_generation_does_not_revive_old_entries(rf, home):
    from django.core.cache import cache

    request = rf.get("/about/")
    current = generation.current()
    old_key = page_cache.entry_key(request, current)
    page_cache.store(old_key, HttpResponse(b"old", content_type="text/html"), current)
    cache.delete(generation.KEY)  # evicted under memory pressure
    assert page_cache.entry_key(request, generation.current()) != old_key


def test_a_generation_past_its_end_is_replaced_whatever_the_cache_kept(rf, home):
    first = generation.current()
    with time_machine.travel(first.valid_until + 1):
        assert generation.current().token != first.token


def test_cache_can_be_switched_off(client, settings, home):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/about/")
    assert "X-Page-Cache" not in client.get("/about/")


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


def test_the_menu_is_rebuilt_after_a_menu_page_changes(client, home, republish, rendered):
    """With the page cache off (a logged-in editor's view), the cached header is never
    stale either."""

    def menu_queries(path):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        menu = response.content.split(b'class="main-nav"')[1].split(b"</nav>")[0]
        return menu, [q for q in queries if "show_in_menus" in q["sql"].split("WHERE")[-1]]

    menu, queries = menu_queries("/about/")
    assert b'href="/about/"' in menu and queries
    menu, queries = menu_queries("/about/")
    assert b'href="/about/"' in menu and queries == []  # the header fragment, cached
    republish(ContentPage.objects.get(slug="about"), title="Who we are")
    menu, queries = menu_queries("/privacy-policy/")
    assert b"Who we are" in menu and queries
    republish(ContentPage.objects.get(slug="about"), show_in_menus=False)
    menu, _ = menu_queries("/privacy-policy/")
    assert b'href="/about/"' not in menu


# Dates: pages show today's hours and upcoming closures, so a cached copy ends at midnight


def _at(local_time):
    """Freeze the clock at a practice-zone wall time."""
    return time_machine.travel(local_time, tick=False)


def test_a_page_cached_before_midnight_is_rendered_afresh_after_it(client, home):
    zone = ZoneInfo(settings.TIME_ZONE)
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    tuesday = datetime.date(2027, 3, 9)
    HoursException.objects.create(
        page=office, date=tuesday, closed=False, opens=datetime.time(10), closes=datetime.time(11)
    )
    HoursException.objects.create(
        page=office, date=tuesday + datetime.timedelta(days=1), closed=True, note="Inventory day"
    )
    with _at(datetime.datetime(2027, 3, 9, 23, 59, tzinfo=zone)):
        first, _ = get(client, office.url)
        assert first["X-Page-Cache"] == "miss"
        assert b"<strong>Today:</strong> 10:00 am" in first.content
        assert get(client, office.url)[0]["X-Page-Cache"] == "hit"
        assert generation.current().seconds_left() == 60  # the generation ends at midnight
    with _at(datetime.datetime(2027, 3, 10, 0, 1, tzinfo=zone)):
        after, _ = get(client, office.url)
    assert after["X-Page-Cache"] == "miss"
    assert b"<strong>Today:</strong> Closed" in after.content


# Moves, previews, snippets


def test_a_moved_page_is_fresh_at_its_old_and_new_urls(client, home, committed):
    for path in ("/privacy-policy/", "/about/"):
        get(client, path)
        assert get(client, path)[0]["X-Page-Cache"] == "hit"
    page = ContentPage.objects.get(slug="privacy-policy")
    committed(page.move, ContentPage.objects.get(slug="about"), pos="last-child")
    old = client.get("/privacy-policy/")  # Wagtail's managed redirect, never the cached page
    assert old.status_code == 301 and old["Location"] == "/about/privacy-policy/"
    moved, _ = get(client, "/about/privacy-policy/")
    assert moved.status_code == 200 and moved["X-Page-Cache"] == "miss"
    assert get(client, "/about/")[0]["X-Page-Cache"] == "miss"


def test_previews_are_never_cached_or_shared(client, home, superuser):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    page = ContentPage.objects.get(slug="about")
    get(client, "/about/")
    editor = Client()
    editor.force_login(superuser)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    form = nested_form_data(
        {"title": "Unsaved preview title", "slug": "about", "intro": "", "body": streamfield([])}
    )
    assert editor.post(preview_url, form).json()["is_valid"]
    for _ in range(2):
        preview = editor.get(preview_url)
        assert preview.status_code == 200
        assert b"Unsaved preview title" in preview.content
        assert "X-Page-Cache" not in preview
    page.title = "Unpublished draft title"
    page.save_revision()
    draft = editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert b"Unpublished draft title" in draft.content and "X-Page-Cache" not in draft
    # Anonymous visitors still get the published page, never a preview or draft.
    response, _ = get(client, "/about/")
    assert response["X-Page-Cache"] == "hit"
    assert b"Unsaved preview title" not in response.content
    assert b"Unpublished draft title" not in response.content
    assert b"Unsaved preview title" not in client.get(preview_url, follow=True).content


def test_editing_an_author_refreshes_the_articles_that_show_them(client, home, committed):
    from blog.models import BlogPage

    article = BlogPage.objects.live().filter(article_authors__isnull=False).first()
    author = article.article_authors.first().author
    get(client, article.url)
    assert get(client, article.url)[0]["X-Page-Cache"] == "hit"
    author.name = "Dr. Renamed Author"
    committed(author.save)
    response, _ = get(client, article.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"Dr. Renamed Author" in response.content


def test_a_made_up_session_cookie_does_not_bypass_the_cache(client, home):
    get(client, "/about/")
    # Of the shape Django issues: one session lookup that finds nothing, instead of a render.
    client.cookies[settings.SESSION_COOKIE_NAME] = "madeupsessionkey1234567890abcdef"
    response, queries = get(client, "/about/")
    assert response["X-Page-Cache"] == "hit"
    assert queries == 1
    # Of any other shape: not even that lookup (security/input_guard.py drops it).
    client.cookies[settings.SESSION_COOKIE_NAME] = "made-up-session-key-1234567890ab"
    response, queries = get(client, "/about/")
    assert response["X-Page-Cache"] == "hit"
    assert queries == 0


def test_a_real_anonymous_session_still_bypasses_the_cache(client, home):
    from importlib import import_module

    get(client, "/about/")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["seen"] = True
    store.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    response, _ = get(client, "/about/")
    assert "X-Page-Cache" not in response


def test_unknown_query_parameters_share_the_plain_pages_entry(client, home):
    get(client, "/blog/")
    response, queries = get(client, "/blog/?utm_source=newsletter&junk=1")
    assert response["X-Page-Cache"] == "hit"
    assert queries == 0
    # Parameters pages read still make their own entries, whatever their order.
    second_page, _ = get(client, "/blog/?page=2&utm_source=x")
    assert second_page["X-Page-Cache"] == "miss"
    assert second_page.content != response.content
    again, _ = get(client, "/blog/?utm_source=y&page=2")
    assert again["X-Page-Cache"] == "hit"
    # Search results are never stored: the index follows a publish in a background task.
    get(client, "/search/?q=eyelid")
    search, _ = get(client, "/search/?q=eyelid")
    assert "X-Page-Cache" not in search and "private" in search["Cache-Control"]


def test_a_repeated_parameter_is_keyed_by_the_value_the_page_reads(rf):
    versions = generation.Generation("g", time.time() + 60)
    first = page_cache.entry_key(rf.get("/search/", {"q": ["eyelid", "brow"]}), versions)
    reversed_ = page_cache.entry_key(rf.get("/search/", {"q": ["brow", "eyelid"]}), versions)
    only_brow = page_cache.entry_key(rf.get("/search/", {"q": "brow"}), versions)
    assert first != reversed_  # the page shows "brow" for one and "eyelid" for the other
    assert first == only_brow


def _expiring_article(home, minutes):
    from blog.models import BlogIndexPage, BlogPage

    blog = BlogIndexPage.objects.get(locale__language_code="en")
    article = BlogPage.objects.child_of(blog).live().first()
    BlogPage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() + datetime.timedelta(minutes=minutes)
    )
    return article


def test_a_hit_counts_down_the_stale_time_the_page_gave(client, home, settings):
    settings.WAGTAILFRONTENDCACHE = EDGE
    _expiring_article(home, minutes=10)
    first, _ = get(client, "/blog/")
    given = int(first["Cache-Control"].split("s-maxage=")[1])
    assert 540 <= given <= 600
    with mock.patch("caching.page_cache.time.time", return_value=time.time() + 120):
        hit, _ = get(client, "/blog/")
    assert hit["X-Page-Cache"] == "hit"
    assert given - 121 <= int(hit["Cache-Control"].split("s-maxage=")[1]) <= given - 119


def test_the_sitemap_goes_stale_when_an_article_it_lists_expires(client, home, settings):
    settings.WAGTAILFRONTENDCACHE = EDGE
    article = _expiring_article(home, minutes=10)
    generation.retire()
    response, _ = get(client, "/sitemap.xml")
    assert article.slug in response.content.decode()
    assert 540 <= int(response["Cache-Control"].split("s-maxage=")[1]) <= 600


def test_with_a_purged_cache_in_front_every_cached_page_says_how_long_to_keep_it(
    client, home, settings
):
    # A proxy the app purges (Varnish) may keep a page as long as the page cache does: up to
    # the timeout and local midnight, counted down on every hit.
    assert "Cache-Control" not in client.get("/about/")
    settings.WAGTAILFRONTENDCACHE = EDGE
    generation.retire()
    first, _ = get(client, "/about/")
    given = int(first["Cache-Control"].removeprefix("s-maxage="))
    midnight = generation.next_local_midnight().timestamp() - time.time()
    assert 0 < given <= min(settings.PAGE_CACHE_TIMEOUT, midnight + 1)
    with mock.patch("caching.page_cache.time.time", return_value=time.time() + 60):
        hit, _ = get(client, "/about/")
    assert hit["X-Page-Cache"] == "hit"
    assert given - 61 <= int(hit["Cache-Control"].removeprefix("s-maxage=")) <= given - 59
