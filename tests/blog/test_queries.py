"""Query budgets: listing, feed and article pages cost the same with 50 articles as with a
few. Budgets are the measured counts: a new query must be a decision, not a drift."""

import pytest
from django.core.cache import cache

from blog.models import Author, BlogCategory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered")]


@pytest.fixture
def many_articles(blog_index, make_article):
    categories = [
        BlogCategory.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(6)
    ]
    authors = [Author.objects.create(name=f"Author {n}", slug=f"author-{n}") for n in range(4)]
    articles = [
        make_article(
            categories=categories[n % 6 : n % 6 + 2],
            tags=[f"tag-{n % 9}", f"tag-{(n + 1) % 9}"],
            authors=authors[n % 4 : n % 4 + 2],
            days_ago=n,
        )
        for n in range(50)
    ]
    return articles


# Since the Spanish edition every page costs two queries more than before: Wagtail looks up
# the active locale to route to the home page's translation, and the language switcher and
# hreflang links read the page's live versions (one query). Feeds have no page chrome: one.


def _warm(client, url):
    # The first request generates image renditions; budgets are for the steady state.
    assert client.get(url).status_code == 200


def test_blog_index_query_budget(client, many_articles, django_assert_max_num_queries):
    _warm(client, "/blog/")
    with django_assert_max_num_queries(11):
        assert client.get("/blog/").status_code == 200
    _warm(client, "/blog/?page=3")
    with django_assert_max_num_queries(11):
        assert client.get("/blog/?page=3").status_code == 200


def test_category_listing_query_budget(client, many_articles, django_assert_max_num_queries):
    _warm(client, "/blog/category/topic-1/")
    with django_assert_max_num_queries(12):
        assert client.get("/blog/category/topic-1/").status_code == 200


def test_article_page_query_budget(client, many_articles, django_assert_max_num_queries):
    url = many_articles[25].url
    _warm(client, url)
    # Site, home page, the article with its hero image, the cards with theirs: the blog
    # index, authors, categories and tags are cached, renditions come from Wagtail's cache.
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


def test_article_queries_do_not_grow_with_authors_and_tags(
    client, blog_index, make_article, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    authors = [Author.objects.create(name=f"Writer {n}", slug=f"writer-{n}") for n in range(6)]
    small = make_article(authors=authors[:1], tags=["one"])
    large = make_article(authors=authors, tags=[f"t{n}" for n in range(8)])
    counts, cold = [], []
    for article in (small, large):
        _warm(client, article.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(article.url)
        counts.append(len(queries))
        # And with every cache empty, where the article's taxonomy is read from the database.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(article.url)
        cold.append(len(queries))
    assert counts[0] == counts[1]
    assert cold[0] == cold[1] > 0


def test_tag_listing_query_budget(client, many_articles, django_assert_max_num_queries):
    _warm(client, "/blog/tag/tag-1/")
    with django_assert_max_num_queries(12):
        assert client.get("/blog/tag/tag-1/").status_code == 200


def test_author_page_query_budget(client, many_articles, django_assert_max_num_queries):
    _warm(client, "/blog/author/author-1/")
    with django_assert_max_num_queries(11):
        assert client.get("/blog/author/author-1/").status_code == 200


def test_feed_query_budget(client, many_articles, django_assert_max_num_queries):
    _warm(client, "/blog/feed/rss/")
    with django_assert_max_num_queries(7):
        assert client.get("/blog/feed/rss/").status_code == 200


def test_body_images_cost_one_query_however_many(
    client, blog_index, make_article, django_assert_max_num_queries
):
    from practice.demo_images import demo_image

    images = [demo_image(f"Figure {n}", "A figure", 90 + n, (300, 200)) for n in range(4)]

    def figure(image):
        return {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "A figure", "decorative": False},
                "caption": "",
            },
        }

    for count in (1, 4):
        article = make_article(body=[figure(image) for image in images[:count]])
        _warm(client, article.url)
        # The article budget plus one query that loads every body image with its renditions.
        with django_assert_max_num_queries(7):
            assert client.get(article.url).status_code == 200
