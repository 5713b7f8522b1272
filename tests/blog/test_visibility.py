"""Drafts and scheduled articles stay invisible to visitors everywhere."""

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


@pytest.fixture(params=["draft", "scheduled", "restricted"])
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
        "/search/?q=zebrafinch",
    ],
)
def test_hidden_articles_are_not_listed_fed_or_found(client, hidden, visible, path):
    response = client.get(path)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


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
