"""practice.caching: what each change purges (asked without signals), and a proxy in front
purged exactly like the app's own cache."""

from urllib.parse import urlsplit

import pytest
from taggit.models import Tag

from blog.models import Author, BlogPage
from offices.models import OfficePage
from practice.caching import page_cache, purge
from practice.models import ContentPage, PracticeSettings
from tests.practice.frontend_cache_backend import RecordingBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy(settings):
    """A frontend cache in front of the site; the URLs it was told to purge."""
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "tests.practice.frontend_cache_backend.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()


@pytest.fixture
def app_cache_purges(monkeypatch):
    """What the in-app page cache was told: the paths, or "site" for a new generation."""
    told = []
    purge_paths, purge_site = page_cache.purge_paths, page_cache.purge_site
    monkeypatch.setattr(
        page_cache, "purge_paths", lambda paths: (told.extend(paths), purge_paths(paths))
    )
    monkeypatch.setattr(page_cache, "purge_site", lambda: (told.append("site"), purge_site()))
    return told


def _article():
    return BlogPage.objects.live().filter(categories__isnull=False).first()


def test_a_publish_purges_the_same_urls_at_the_proxy_as_in_the_app_cache(
    home, proxy, app_cache_purges, django_capture_on_commit_callbacks
):
    article = _article()
    article.title = "Revised for the proxy"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert app_cache_purges and "site" not in app_cache_purges
    assert sorted({urlsplit(url).path for url in proxy}) == sorted(set(app_cache_purges))
    # Absolute URLs on the page's site, as a proxy needs them.
    root_url = article.get_site().root_url
    assert all(url.startswith(root_url + "/") for url in proxy)
    assert root_url + article.url in proxy
    category = article.categories.first()
    assert f"{root_url}/blog/category/{category.slug}/" in proxy


def test_a_site_wide_change_purges_every_page_at_the_proxy(
    home, proxy, app_cache_purges, django_capture_on_commit_callbacks
):
    row = PracticeSettings.for_site(home.get_site())
    row.email = "faces@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
    assert app_cache_purges == ["site"]
    paths = {urlsplit(url).path for url in proxy}
    live_pages = {page.url for page in ContentPage.objects.live()} | {_article().url}
    assert live_pages <= paths
    assert {"/", "/blog/", "/offices/", "/sitemap.xml", "/search/"} <= paths
    category = _article().categories.first()
    assert f"/blog/category/{category.slug}/feed/rss/" in paths  # the index's own listings


def test_without_a_frontend_cache_only_the_app_cache_is_purged(
    home, settings, app_cache_purges, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    article = _article()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
        row = PracticeSettings.for_site(home.get_site())
        row.save()  # a whole-site purge too
    assert "site" in app_cache_purges and len(app_cache_purges) > 1
    queued = [result.task.module_path for result in default_task_backend.results]
    assert not [path for path in queued if "frontend_cache" in path]


# The decisions, asked directly


def test_an_article_purges_itself_its_listings_and_the_pages_above_it(home):
    article = _article()
    decided = purge.decide_page(article)
    paths = decided.paths
    assert not decided.whole_site
    assert {article.url, "/blog/", "/", "/sitemap.xml", "/search/", "/blog/feed/rss/"} <= paths
    assert "/offices/" not in paths
    assert decided.fragment_versions  # its cached cards and authors


def test_what_the_live_version_showed_is_purged_too(home):
    article = _article()
    before = purge.LiveVersion(dependent_paths=("/blog/category/left-behind/",))
    assert "/blog/category/left-behind/" in purge.decide_page(article, before).paths


def test_pages_on_every_page_purge_every_page_of_their_language(home):
    """The menu and the footer list the pages of their own language: a change to one purges
    every page in that language (a new generation of it), and no other language's."""
    office = OfficePage.objects.live().filter(locale__language_code="en").first()
    assert purge.decide_page(office).languages == {"en"}
    in_menu = ContentPage.objects.get(slug="about")
    assert in_menu.show_in_menus and purge.decide_page(in_menu).languages == {"en"}
    left_menu = purge.LiveVersion(in_menu=True)
    privacy = ContentPage.objects.get(slug="privacy-policy")
    assert purge.decide_page(privacy, left_menu).languages == {"en"}
    spanish_office = OfficePage.objects.live().filter(locale__language_code="es").first()
    decided = purge.decide_page(spanish_office, purge.LiveVersion(was_live=True))
    assert decided.languages == {"es"} and not decided.whole_site and not decided.urls


def test_snippets_and_tags(home):
    assert purge.decide_model(Author.objects.first()).whole_site
    assert not purge.decide_model(Tag(name="new", slug="new"), created=True).whole_site
    assert purge.decide_model(Tag.objects.first()).whole_site


def test_what_is_remembered_about_an_object_is_its_own_and_goes_with_it(home):
    import gc

    from practice.caching.state import InstanceState

    remembered = InstanceState()
    page = ContentPage.objects.get(slug="about")
    same_row = ContentPage.objects.get(slug="about")
    remembered.set(page, "before the publish")
    assert remembered.get(page) == "before the publish"
    assert remembered.get(same_row) is None  # another object for the same row knows nothing
    del page
    gc.collect()
    assert len(remembered) == 0
