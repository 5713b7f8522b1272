"""Publishing an article, or editing what articles show, retires every cached page: its
listings, feeds, related articles and neighbours, the sitemap, and everything else."""

import datetime
from pathlib import Path

import pytest
from wagtail.images.rect import Rect

from blog.models import BlogCategory, BlogPage, BlogPageAuthor
from core.demo_images import demo_image
from people.models import Author

pytestmark = pytest.mark.django_db


def state(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get("X-Page-Cache")


def test_publishing_an_article_retires_its_listings_feeds_related_and_the_rest(
    client, blog_index, make_article, django_capture_on_commit_callbacks
):
    category = BlogCategory.objects.order_by("pk").first()
    other_category = BlogCategory.objects.exclude(pk=category.pk).first()
    sibling = make_article("Sibling story", categories=[category], tags=["recovery"])
    unrelated = make_article("Unrelated story", categories=[other_category], tags=["unique-x"])
    article = make_article("Fresh story", categories=[category], tags=["recovery"])
    unrelated.refresh_from_db()
    # Not a neighbour of the fresh article by date order, nor sharing a category or tag.
    BlogPage.objects.filter(pk=unrelated.pk).update(date="2020-01-01")

    shown = [
        "/blog/",
        "/blog/?page=2",
        f"/blog/category/{category.slug}/",
        "/blog/tag/recovery/",
        "/blog/feed/rss/",
        "/blog/feed/atom/",
        sibling.url,
        "/sitemap.xml",
    ]
    untouched = ["/offices/", "/about/", unrelated.url]
    for path in shown + untouched + [article.url]:
        state(client, path)
        assert state(client, path) == "hit", path

    article.title = "Fresh story, revised"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert b"Fresh story, revised" in client.get(article.url).content
    for path in shown + untouched:
        assert state(client, path) == "miss", path
    assert b"Fresh story, revised" in client.get("/blog/feed/rss/").content


def test_unpublishing_an_article_drops_it_from_the_cached_index(
    client, blog_index, make_article, django_capture_on_commit_callbacks
):
    article = make_article("Soon gone")
    assert b"Soon gone" in client.get("/blog/").content
    assert state(client, "/blog/") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert b"Soon gone" not in client.get("/blog/").content
    assert client.get(article.url).status_code == 404


def test_editing_a_category_purges_every_page(
    client, blog_index, django_capture_on_commit_callbacks
):
    state(client, "/offices/")
    category = BlogCategory.objects.first()
    category.name = "Renamed category"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert state(client, "/offices/") == "miss"


def test_editing_an_image_retires_the_pages_that_show_it_and_the_rest(
    client, make_article, hero_image, django_capture_on_commit_callbacks
):
    article = make_article("Pictured story")
    shown = [article.url, "/blog/", "/blog/feed/rss/"]
    untouched = ["/offices/", "/about/"]
    for path in shown + untouched:
        state(client, path)
        assert state(client, path) == "hit", path
    old_html = client.get(article.url).content

    # A new focal point changes the crop, so the page must point at new renditions.
    hero_image.set_focal_point(Rect(0, 0, 40, 40))
    with django_capture_on_commit_callbacks(execute=True):
        hero_image.save()

    for path in shown + untouched:
        assert state(client, path) == "miss", path
    assert client.get(article.url).content != old_html


def test_deleting_an_image_purges_the_pages_that_showed_it(
    client, make_article, hero_image, django_capture_on_commit_callbacks
):
    article = make_article("Soon without a picture")
    stem = Path(hero_image.file.name).stem
    assert stem.encode() in client.get(article.url).content
    assert state(client, article.url) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        hero_image.delete()
    response = client.get(article.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert stem.encode() not in response.content


def test_an_image_shown_by_a_snippet_purges_every_page(
    client, blog_index, django_capture_on_commit_callbacks
):
    author = Author.objects.exclude(photo=None).first()
    state(client, "/offices/")
    assert state(client, "/offices/") == "hit"
    photo = author.photo
    photo.title = "New portrait"
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    assert state(client, "/offices/") == "miss"


def test_an_image_published_moments_ago_is_purged_before_the_task_worker_runs(
    client, make_article, settings, django_capture_on_commit_callbacks
):
    """Wagtail updates its reference index in a background task; the purge must not wait."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    article = make_article("Freshly pictured")
    picture = demo_image("Fresh picture", "A fresh picture", seed=11, size=(320, 180))
    article.hero_image = picture
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    state(client, article.url)
    assert state(client, article.url) == "hit"

    picture.set_focal_point(Rect(0, 0, 40, 40))
    with django_capture_on_commit_callbacks(execute=True):
        picture.save()
    assert state(client, article.url) == "miss"


def test_a_new_author_photo_edited_before_the_task_worker_runs_purges_every_page(
    client, blog_index, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    author = Author.objects.exclude(photo=None).first()
    author.photo = demo_image("New portrait", "A new portrait", seed=12, size=(200, 200))
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    state(client, "/offices/")
    assert state(client, "/offices/") == "hit"
    author.photo.title = "Retouched portrait"
    with django_capture_on_commit_callbacks(execute=True):
        author.photo.save()
    assert state(client, "/offices/") == "miss"


@pytest.fixture
def recategorised(client, blog_index, make_article, django_capture_on_commit_callbacks):
    """An article published in category A, tag "old-tag", by the old author, whose listings
    are cached; then republished in category B, tag "new-tag", by the new author."""
    old_category = BlogCategory.objects.create(name="Old topic", slug="old-topic")
    new_category = BlogCategory.objects.create(name="New topic", slug="new-topic")
    old_author = Author.objects.create(name="Old Writer", slug="old-writer")
    new_author = Author.objects.create(name="New Writer", slug="new-writer")
    article = make_article(
        "Wandering story", categories=[old_category], tags=["old-tag"], authors=[old_author]
    )
    old_paths = [
        "/blog/category/old-topic/",
        "/blog/category/old-topic/feed/rss/",
        "/blog/tag/old-tag/",
        "/blog/author/old-writer/",
    ]
    for path in old_paths:
        assert b"Wandering story" in client.get(path).content, path
        assert state(client, path) == "hit", path

    article = BlogPage.objects.get(pk=article.pk)
    article.categories = [new_category]
    article.tags.set(["new-tag"])
    article.article_authors = [BlogPageAuthor(author=new_author)]
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    return article


@pytest.mark.parametrize(
    "path",
    [
        "/blog/category/old-topic/",
        "/blog/category/old-topic/feed/rss/",
        "/blog/author/old-writer/",
    ],
)
def test_a_listing_the_article_left_no_longer_lists_it(client, recategorised, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert b"Wandering story" not in response.content


def test_a_tag_the_article_lost_is_purged(client, recategorised):
    # The tag has no other article now, so its listing is gone rather than stale.
    assert client.get("/blog/tag/old-tag/").status_code == 404


def test_the_listings_the_article_joined_list_it(client, recategorised):
    for path in ["/blog/category/new-topic/", "/blog/tag/new-tag/", "/blog/author/new-writer/"]:
        assert b"Wandering story" in client.get(path).content, path


def test_a_new_date_purges_the_old_neighbours(
    client, blog_index, make_article, django_capture_on_commit_callbacks
):
    BlogPage.objects.child_of(blog_index).delete()  # only these articles, in this order
    make_article("Oldest story", days_ago=100)
    older = make_article("Older neighbour", days_ago=30)
    moving = make_article("Moving story", days_ago=20)
    newer = make_article("Newer neighbour", days_ago=10)
    for page in (older, newer):
        assert b"Moving story" in client.get(page.url).content
        assert state(client, page.url) == "hit"

    moving = BlogPage.objects.get(pk=moving.pk)
    moving.date -= datetime.timedelta(days=180)  # now before "Oldest story"
    with django_capture_on_commit_callbacks(execute=True):
        moving.save_revision().publish()

    for page in (older, newer):
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "miss", page.title
        assert b"Moving story" not in response.content, page.title


def _shared_max_age(response):
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name == "s-maxage":
            return int(value)
    return None


def test_pages_showing_a_soon_expiring_article_say_when_they_go_stale(
    client, make_article, settings
):
    from django.utils import timezone

    # With an edge in front, every cached page says how long a shared cache may keep it:
    # never past the next expiry, whichever page shows the article.
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.caching.frontend_cache_backend.RecordingBackend"}
    }
    article = make_article(
        "Short-lived offer", expire_at=timezone.now() + datetime.timedelta(minutes=10)
    )
    for path in ("/", "/blog/", "/blog/feed/rss/", article.url, "/procedures/"):
        response = client.get(path)
        assert response.status_code == 200, path
        max_age = _shared_max_age(response)
        assert max_age is not None and max_age <= 600, path


def test_an_already_stale_response_is_not_stored(rf):
    from django.http import HttpResponse

    from caching import page_cache

    response = HttpResponse("<p>stale</p>", content_type="text/html")
    response["Cache-Control"] = "s-maxage=0"
    assert not page_cache.response_is_cacheable(response, rf.get("/blog/"))


def test_renaming_a_tag_refreshes_the_cached_pages_that_show_it(
    client, make_article, django_capture_on_commit_callbacks
):
    from taggit.models import Tag

    article = make_article("Tagged story", tags=["swelling"])
    for path in (article.url, "/blog/"):
        state(client, path)
        assert state(client, path) == "hit", path
    tag = Tag.objects.get(name="swelling")
    tag.name, tag.slug = "Bruising and swelling", "bruising-and-swelling"
    with django_capture_on_commit_callbacks(execute=True):
        tag.save()
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"/blog/tag/bruising-and-swelling/" in response.content
    assert b"/blog/tag/swelling/" not in response.content


@pytest.mark.parametrize("gone", ["unpublished", "deleted"])
def test_an_authors_profile_page_going_away_drops_the_link(
    client, home, make_article, author, gone, django_capture_on_commit_callbacks
):
    from practice.models import ContentPage

    profile = home.add_child(instance=ContentPage(title="Dr. Test Surgeon", slug="dr-test"))
    author.profile_page = profile
    author.save()
    article = make_article("Story with a profile", authors=[author])
    first = client.get(article.url)
    assert b"/dr-test/" in first.content
    assert state(client, article.url) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        if gone == "unpublished":
            profile.unpublish()
        else:
            profile.delete()
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"/dr-test/" not in response.content
