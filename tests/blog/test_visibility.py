"""Drafts, scheduled, expired and restricted articles stay invisible to visitors everywhere."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

SECRET = "Unreleased zebrafinch article"


@pytest.fixture
def draft(make_article, category):
    return make_article(SECRET, categories=[category], tags=["shared"], live=False)


@pytest.fixture
def scheduled(blog_index, make_article, category):
    """Published through a revision with go_live_at in the future, as an editor schedules it."""
    article = make_article(SECRET, categories=[category], tags=["shared"], live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(days=3)
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live
    return article


@pytest.fixture
def restricted(blog_index, make_article, category):
    article = make_article(SECRET, categories=[category], tags=["shared"])
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return article


@pytest.fixture
def expired(blog_index, make_article, category):
    """Past its expire_at but still live: publish_scheduled has not run yet."""
    return make_article(
        SECRET,
        categories=[category],
        tags=["shared"],
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )


@pytest.fixture(params=["draft", "scheduled", "restricted", "expired"])
def hidden(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def visible(make_article, category):
    return make_article("Published neighbour", categories=[category], tags=["shared"])


@pytest.mark.parametrize(
    "path",
    [
        "/blog/",
        "/blog/category/test-topic/",
        "/blog/tag/shared/",
        "/blog/feed/rss/",
        "/blog/feed/atom/",
        "/blog/category/test-topic/feed/rss/",
        "/blog/category/test-topic/feed/atom/",
        "/blog/author/test-surgeon/",
        "/sitemap.xml",
        "/search/?q=zebrafinch",
    ],
)
def test_hidden_articles_are_not_listed_fed_or_found(client, hidden, visible, path):
    response = client.get(path)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert hidden.slug not in response.content.decode()  # the sitemap lists URLs only


def test_hidden_articles_are_not_related_or_linked(client, hidden, visible):
    assert hidden not in visible.related_articles()
    html = client.get(visible.url).content.decode()
    assert SECRET not in html


def test_unpublished_articles_cannot_be_reached(client, blog_index, make_article):
    article = make_article(SECRET, live=False)
    assert client.get(f"/blog/{article.slug}/").status_code == 404


def test_scheduled_article_cannot_be_reached_until_it_goes_live(client, scheduled):
    assert client.get(f"/blog/{scheduled.slug}/").status_code == 404


def test_scheduled_article_appears_once_published(client, scheduled):
    from django.core.management import call_command

    # Move the schedule into the past, as if the clock had reached go_live_at.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = scheduled.latest_revision
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    assert client.get(f"/blog/{scheduled.slug}/").status_code == 200
    assert SECRET in client.get("/blog/").content.decode()


def test_expired_article_cannot_be_reached(client, expired):
    assert client.get(expired.url).status_code == 404


def test_expired_article_is_not_a_neighbour(client, blog_index, expired, visible):
    assert expired not in visible.siblings()
    assert visible.previous_article() != expired
    assert visible.next_article() != expired


def test_expired_tag_listing_is_gone(client, expired):
    # Its only article has expired: the tag lists nothing, so it has no page.
    assert client.get("/blog/tag/shared/").status_code == 404


def test_expired_article_is_not_listed_even_if_its_id_was_cached(
    client, rendered, blog_index, visible, monkeypatch
):
    """Related and previous/next ids (and their expiry times) are cached until an article
    changes; an article that expires meanwhile changes nothing in the database, so the
    render leaves it out by its cached expiry time."""
    from blog.models import BlogPage

    neighbour = blog_index.add_child(
        instance=BlogPage(
            title=SECRET,
            slug="soon-expiring",
            lede="Soon gone.",
            date=visible.date,
            body=visible.body.raw_data,
            categories=list(visible.categories.all()),
            expire_at=timezone.now() + datetime.timedelta(days=1),
        )
    )
    assert SECRET in client.get(visible.url).content.decode()
    # The clock passes expire_at: no save, no signal, nothing in the database changes.
    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + datetime.timedelta(days=2))
    assert BlogPage.objects.filter(pk=neighbour.pk, live=True).exists()
    assert SECRET not in client.get(visible.url).content.decode()


def test_page_expiring_within_the_cache_timeout_is_cached_only_until_then(
    client, make_article, settings
):
    """No cached page, in the app or at the edge, may outlive an article's expire_at."""
    from caching import generation

    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.caching.frontend_cache_backend.RecordingBackend"}
    }
    left = settings.PAGE_CACHE_TIMEOUT // 2
    expire_at = timezone.now() + datetime.timedelta(seconds=left)
    article = make_article("Expiring soon", expire_at=expire_at)
    assert generation.current().valid_until <= expire_at.timestamp() + 1
    for path in [article.url, "/blog/", "/blog/feed/rss/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"Expiring soon" in response.content, path
        max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        assert max_age <= left, path


def test_page_expiring_later_than_the_cache_timeout_is_cached(client, make_article, settings):
    later = timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT * 3)
    article = make_article("Expiring later", expire_at=later)
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
