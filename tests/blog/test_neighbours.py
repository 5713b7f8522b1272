"""The article page's related and previous/next lists are never stale: each change shows
on the next render once it is committed (they are part of the article's cached fragment,
which a commit retires, so each change here runs its commit hooks as the admin's does)."""

import pytest
from wagtail.models import PageViewRestriction

from blog.models import BlogPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # look at the article's own rendering

    def get(article):
        return client.get(article.url).content.decode()

    return get


@pytest.fixture
def clean_blog(blog_index):
    BlogPage.objects.child_of(blog_index).delete()
    return blog_index


def test_a_new_related_article_appears_at_once(
    clean_blog, make_article, category, rendered, django_capture_on_commit_callbacks
):
    article = make_article("Main story", categories=[category])
    assert "Fresh companion" not in rendered(article)
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Fresh companion", categories=[category])
    assert "Fresh companion" in rendered(article)


def test_unpublished_and_restricted_neighbours_disappear(
    clean_blog, make_article, category, rendered, django_capture_on_commit_callbacks
):
    article = make_article("Main story", categories=[category], days_ago=1)
    newer = make_article("Newer story", categories=[category], days_ago=0)
    gone = make_article("Soon private", categories=[category], days_ago=2)
    html = rendered(article)
    assert "Newer story" in html and "Soon private" in html
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=gone, restriction_type="login")
        newer.unpublish()
    html = rendered(article)
    assert "Soon private" not in html and "Newer story" not in html
