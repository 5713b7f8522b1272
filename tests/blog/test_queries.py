"""Query budgets: listing, feed and article pages cost the same with 2N articles as with N,
and an article the same with many authors and tags as with one. Budgets are the measured
counts: a new query must be a decision, not a drift."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import BlogCategory
from people.models import Author

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered")]

# Wagtail's routing, site lookup and privacy check cost about seven queries a page, the
# settings and the practice's name two, the language switcher's versions one (the header and
# footer are cached HTML); a listing adds its count, its page of articles, their renditions
# and the view restrictions. Feeds have no page chrome.
BUDGETS = {
    "blog index": 19,
    "blog index, page 3": 19,
    "category": 19,
    "tag": 19,
    "author": 21,  # + the "Book with" link of a clinician with this profile
    "feed": 11,
    "category feed": 12,
    "article": 27,
}
LISTINGS = {
    "blog index": "/blog/",
    "blog index, page 3": "/blog/?page=3",
    "category": "/blog/category/topic-1/",
    "tag": "/blog/tag/tag-1/",
    "author": "/blog/author/author-1/",
    "feed": "/blog/feed/rss/",
    "category feed": "/blog/category/topic-1/feed/rss/",
}


@pytest.fixture
def add_articles(blog_index, make_article):
    """`add_articles(n)`: n more articles spread over six categories, nine tags and four
    authors, each article with two of each."""
    categories = [
        BlogCategory.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(6)
    ]
    authors = [Author.objects.create(name=f"Author {n}", slug=f"author-{n}") for n in range(4)]
    counter = itertools.count()

    def add(count):
        made = []
        for _ in range(count):
            n = next(counter)
            made.append(
                make_article(
                    categories=categories[n % 6 : n % 6 + 2],
                    tags=[f"tag-{n % 9}", f"tag-{(n + 1) % 9}"],
                    authors=authors[n % 4 : n % 4 + 2],
                    days_ago=n,
                )
            )
        return made

    return add


def queries(client, url):
    """The queries of a steady-state render of `url` (the first request generates image
    renditions and caches the header and footer, as on a running server)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_listings_cost_the_same_with_2n_articles_as_with_n(client, add_articles):
    articles = add_articles(30)
    at_n = {name: queries(client, url) for name, url in LISTINGS.items()}
    at_n["article"] = queries(client, articles[15].url)
    add_articles(30)
    at_2n = {name: queries(client, url) for name, url in LISTINGS.items()}
    at_2n["article"] = queries(client, articles[15].url)
    assert at_2n == at_n
    over = {name: count for name, count in at_n.items() if count > BUDGETS[name]}
    assert not over, f"over budget {BUDGETS}: {over}"


def test_article_queries_do_not_grow_with_authors_and_tags(client, blog_index, make_article):
    authors = [Author.objects.create(name=f"Writer {n}", slug=f"writer-{n}") for n in range(6)]
    small = make_article(authors=authors[:1], tags=["one"])
    large = make_article(authors=authors, tags=[f"t{n}" for n in range(8)])
    assert queries(client, small.url) == queries(client, large.url) <= BUDGETS["article"]


def test_body_images_cost_one_query_however_many(client, blog_index, make_article):
    from core.demo_images import demo_image

    images = [demo_image(f"Figure {n}", "A figure", 90 + n, (300, 200)) for n in range(4)]

    def figure(image):
        return {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "A figure", "decorative": False},
                "caption": "",
            },
        }

    counts = []
    for count in (1, 4):
        article = make_article(body=[figure(image) for image in images[:count]])
        counts.append(queries(client, article.url))
    # The article budget plus one query that loads every body image with its renditions.
    assert counts[0] == counts[1] <= BUDGETS["article"] + 1
