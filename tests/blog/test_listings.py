import re

import pytest

from blog.models import BlogPage

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def only_test_articles(blog_index):
    # Keep the seeded articles out of the way so counts are exact.
    BlogPage.objects.child_of(blog_index).delete()
    return blog_index


def test_index_lists_newest_first_ten_a_page(client, only_test_articles, make_article):
    for days_ago in range(25):
        make_article(f"Article {days_ago:02d} days old", days_ago=days_ago)
    first = client.get("/blog/")
    assert first.status_code == 200
    assert titles(first)[:2] == ["Article 00 days old", "Article 01 days old"]
    assert len(titles(first)) == 10
    last = client.get("/blog/?page=3")
    assert titles(last) == [f"Article {n} days old" for n in range(20, 25)]
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("junk", ["abc", "-1", "0", "999", "1.5", "%00", "' OR 1=1"])
def test_junk_page_numbers_never_fail(client, only_test_articles, make_article, junk):
    for _ in range(12):
        make_article()
    response = client.get("/blog/", {"page": junk})
    assert response.status_code == 200
    assert 1 <= len(titles(response)) <= 10


def test_out_of_range_page_shows_the_last_page(client, only_test_articles, make_article):
    for days_ago in range(12):
        make_article(f"Article {days_ago:02d}", days_ago=days_ago)
    assert titles(client.get("/blog/?page=50")) == ["Article 10", "Article 11"]


def test_category_listing_shows_only_that_category(
    client, only_test_articles, make_article, category
):
    make_article("In the category", categories=[category])
    make_article("Elsewhere")
    response = client.get("/blog/category/test-topic/")
    assert response.status_code == 200
    assert titles(response) == ["In the category"]
    assert "<h1>Test topic</h1>" in response.content.decode()


def test_tag_listing_shows_only_that_tag(client, only_test_articles, make_article):
    make_article("Tagged", tags=["eyelid care"])
    make_article("Not tagged", tags=["other"])
    response = client.get("/blog/tag/eyelid-care/")
    assert response.status_code == 200
    assert titles(response) == ["Tagged"]


@pytest.mark.parametrize(
    "path", ["/blog/category/no-such/", "/blog/tag/no-such/", "/blog/author/no-such/"]
)
def test_unknown_slugs_are_404(client, blog_index, path):
    assert client.get(path).status_code == 404


def test_tag_not_used_by_articles_is_404(client, blog_index):
    from taggit.models import Tag

    Tag.objects.create(name="Orphan", slug="orphan")
    assert client.get("/blog/tag/orphan/").status_code == 404


def test_category_filter_paginates_with_junk_page(
    client, only_test_articles, make_article, category
):
    for _ in range(11):
        make_article(categories=[category])
    response = client.get("/blog/category/test-topic/?page=xyz")
    assert response.status_code == 200
    assert len(titles(response)) == 10


def test_author_page_lists_their_articles(client, only_test_articles, make_article, author):
    make_article("By the test surgeon", authors=[author])
    response = client.get("/blog/author/test-surgeon/")
    assert response.status_code == 200
    assert "By the test surgeon" in response.content.decode()


def test_seeded_listing_shows_categories_nav(client, blog_index):
    html = client.get("/blog/").content.decode()
    assert 'aria-label="Categories"' in html
    assert 'href="/blog/category/surgery/"' in html
    assert html.count("<h1") == 1


def test_live_article_without_first_published_at_is_listed(
    client, only_test_articles, make_article
):
    # Pages imported or created in code may be live with no first_published_at.
    article = make_article("Imported article")
    BlogPage.objects.filter(pk=article.pk).update(first_published_at=None)
    assert titles(client.get("/blog/")) == ["Imported article"]
    assert "Imported article" in client.get("/blog/feed/rss/").content.decode()


def test_tag_used_only_by_a_draft_is_404(client, blog_index, make_article):
    make_article("Draft with a secret tag", tags=["secret-subject"], live=False)
    assert client.get("/blog/tag/secret-subject/").status_code == 404


def test_tag_used_only_by_a_restricted_article_is_404(client, blog_index, make_article):
    from wagtail.models import PageViewRestriction

    article = make_article("Members only", tags=["members-topic"])
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert client.get("/blog/tag/members-topic/").status_code == 404


@pytest.mark.parametrize("junk", ["abc", "-1", "0", "999", "1.5", "%00", "' OR 1=1"])
@pytest.mark.parametrize("path", ["/blog/tag/junk-test/", "/blog/author/test-surgeon/"])
def test_junk_page_numbers_on_tag_and_author_listings(
    client, only_test_articles, make_article, path, junk
):
    for _ in range(12):
        make_article(tags=["junk-test"])
    response = client.get(path, {"page": junk})
    assert response.status_code == 200
    assert 1 <= len(re.findall(r'class="card__title"', response.content.decode())) <= 10


def visible_crumbs(html):
    nav = re.search(
        r'<nav class="breadcrumbs[^"]*" aria-label="Breadcrumb">(.*?)</nav>', html, re.S
    )
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav[1])]


def jsonld_crumbs(html):
    import json

    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data["@type"] == "BreadcrumbList":
            return [item["name"] for item in data["itemListElement"]]
    raise AssertionError("no BreadcrumbList")


@pytest.mark.parametrize(
    ("path", "last"),
    [
        ("/blog/category/test-topic/", "Test topic"),
        ("/blog/tag/crumb-tag/", "crumb-tag"),
        ("/blog/author/test-surgeon/", "Dr. Test Surgeon"),
        ("/blog/", "Journal"),
    ],
)
def test_visible_breadcrumbs_match_the_breadcrumb_jsonld(
    client, blog_index, make_article, category, path, last
):
    make_article(categories=[category], tags=["crumb-tag"])
    html = client.get(path).content.decode()
    assert visible_crumbs(html) == jsonld_crumbs(html)
    assert visible_crumbs(html)[-1] == last
    # The listing itself is the current crumb; the blog above it is a link.
    assert f'<span aria-current="page">{last}</span>' in html
    if last != "Journal":
        assert '<a href="/blog/">Journal</a>' in html
