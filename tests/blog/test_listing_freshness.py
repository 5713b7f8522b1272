"""The blog's listings (the index and its pages, the home page's latest articles, category
listings) and routed articles never show a stale state: a publish, an unpublish and an
expiry passing are on the very next response, with the full-page cache off and on."""

import datetime
import re

import pytest
from django.utils import timezone

from blog.models import ARTICLES_PER_PAGE, BlogCategory

pytestmark = pytest.mark.django_db


def listed_count(html):
    """How many pages the blog's pagination offers (its last page link)."""
    numbers = [int(n) for n in re.findall(r"page=(\d+)", html)]
    return max(numbers, default=1)


def test_a_new_article_leads_the_blog_index_home_and_its_category_at_once(
    fetch, make_article, blog_index
):
    category = BlogCategory.objects.create(name="Fresh topic", slug="fresh-topic")
    make_article("Older story", categories=[category], days_ago=3)
    listing = f"{blog_index.url}category/{category.slug}/"
    for url in (blog_index.url, "/", listing):
        assert "Brand new story" not in fetch(url)

    draft = make_article("Brand new story", categories=[category], live=False)
    fetch.change(lambda: draft.save_revision().publish())
    for url in (blog_index.url, "/", listing):
        assert "Brand new story" in fetch(url), url


def test_the_page_count_follows_a_publish(fetch, make_article, blog_index):
    live = blog_index.articles().count()
    # Enough articles that one more starts a new page.
    for _ in range((-live) % ARTICLES_PER_PAGE or ARTICLES_PER_PAGE):
        make_article(days_ago=5)
    pages = listed_count(fetch(blog_index.url))

    draft = make_article("One page more", live=False)
    fetch.change(lambda: draft.save_revision().publish())
    assert listed_count(fetch(blog_index.url)) == pages + 1
    assert fetch(f"{blog_index.url}?page={pages + 1}") is not None


def test_an_unpublished_article_leaves_its_page_the_index_home_and_category(
    fetch, make_article, blog_index
):
    category = BlogCategory.objects.create(name="Leaving topic", slug="leaving-topic")
    make_article("Staying story", categories=[category], days_ago=2)
    article = make_article("Withdrawn story", categories=[category])
    listing = f"{blog_index.url}category/{category.slug}/"
    for url in (article.url, blog_index.url, "/", listing):
        assert "Withdrawn story" in fetch(url), url

    fetch.change(article.unpublish)
    assert fetch(article.url) is None
    for url in (blog_index.url, "/", listing):
        assert "Withdrawn story" not in fetch(url), url


def test_an_expiry_passing_drops_the_article_everywhere_by_the_clock(
    client, settings, make_article, blog_index, monkeypatch
):
    """Nothing changes in the database when an expiry passes (publish_scheduled has not run):
    the listings' queries and routing still leave it out. With the page cache on, its own
    expiry rule does (tests/blog/test_visibility.py)."""
    settings.PAGE_CACHE_ENABLED = False
    article = make_article("Fleeting story", expire_at=timezone.now() + datetime.timedelta(hours=1))
    for url in (article.url, blog_index.url, "/"):
        assert "Fleeting story" in client.get(url).content.decode(), url
    count = blog_index.articles().count()

    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + datetime.timedelta(hours=2))
    assert client.get(article.url).status_code == 404
    for url in (blog_index.url, "/"):
        assert "Fleeting story" not in client.get(url).content.decode(), url
    assert blog_index.articles().count() == count - 1


def test_a_renamed_article_is_routed_under_its_new_title(fetch, make_article):
    article = make_article("First title")
    assert "<h1>First title</h1>" in fetch(article.url)

    def publish():
        article.title = "Second title"
        article.save_revision().publish()

    fetch.change(publish)
    html = fetch(article.url)
    assert "<h1>Second title</h1>" in html and "<h1>First title</h1>" not in html


def share_image_url(html):
    return re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)


def test_the_listings_share_image_follows_a_settings_change_and_an_image_edit(
    fetch, blog_index, seeded, hero_image
):
    from wagtail.models import Site

    from core.site_settings import PracticeSettings

    settings = PracticeSettings.for_site(Site.objects.get(is_default_site=True))
    before = share_image_url(fetch(blog_index.url))

    def choose():
        settings.default_share_image = hero_image
        settings.save()

    fetch.change(choose)
    chosen = share_image_url(fetch(blog_index.url))
    assert chosen != before
    assert chosen.endswith(hero_image.get_rendition("fill-1200x630|format-jpeg").url)

    def move_focal_point():  # a new focal point is a new crop: a new rendition URL
        hero_image.focal_point_x, hero_image.focal_point_y = 10, 10
        hero_image.focal_point_width = hero_image.focal_point_height = 20
        hero_image.save()

    fetch.change(move_focal_point)
    moved = share_image_url(fetch(blog_index.url))
    assert moved != chosen
    hero_image.refresh_from_db()
    assert moved.endswith(hero_image.get_rendition("fill-1200x630|format-jpeg").url)
