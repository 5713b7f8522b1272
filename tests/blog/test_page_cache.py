"""Publishing an article purges exactly what shows it: itself, the listings, feeds, related
articles and neighbours, the sitemap and search; nothing unrelated."""

import pytest

from blog.models import BlogCategory, BlogPage

pytestmark = pytest.mark.django_db


def state(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get("X-Page-Cache")


def test_publishing_an_article_purges_its_listings_feeds_and_related(
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
    for path in shown:
        assert state(client, path) == "miss", path
    for path in untouched:
        assert state(client, path) == "hit", path
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
