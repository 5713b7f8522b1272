import re
import xml.etree.ElementTree as ET

import pytest

from blog.models import BlogPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def result_titles(response):
    html = response.content.decode()
    return re.findall(r'class="search-result__title"><a href="[^"]+">([^<]+)</a>', html)


def test_search_finds_articles_by_title_and_body(client, blog_index, make_article):
    make_article(
        "Zygomatic arch notes",
        body=[{"type": "paragraph", "value": "<p>The quokkaesque smile of contentment.</p>"}],
    )
    assert result_titles(client.get("/search/", {"q": "zygomatic"})) == ["Zygomatic arch notes"]
    assert result_titles(client.get("/search/", {"q": "quokkaesque"})) == ["Zygomatic arch notes"]


def test_search_finds_articles_by_tag(client, blog_index, make_article):
    make_article("Plain title", tags=["blepharoptosis"])
    assert "Plain title" in result_titles(client.get("/search/", {"q": "blepharoptosis"}))


def test_search_finds_content_pages(client, seeded):
    assert "Privacy policy" in result_titles(client.get("/search/", {"q": "privacy"}))


def test_search_without_query_shows_a_prompt(client, seeded):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "search__empty" in response.content.decode()
    assert result_titles(response) == []


@pytest.mark.parametrize("page", ["abc", "0", "-4", "99999", ""])
def test_search_with_junk_page_never_fails(client, seeded, page):
    response = client.get("/search/", {"q": "eyelid", "page": page})
    assert response.status_code == 200
    assert result_titles(response)


def test_search_paginates(client, blog_index, make_article):
    for n in range(13):
        make_article(f"Xylophone article {n}")
    first = client.get("/search/", {"q": "xylophone"})
    second = client.get("/search/", {"q": "xylophone", "page": "2"})
    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 3
    assert "q=xylophone&amp;page=2" in first.content.decode()


def test_search_with_no_match_says_so(client, seeded):
    assert "No results" in client.get("/search/", {"q": "qwertyuiop"}).content.decode()


# Feeds


def rss_items(response):
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    return root.findall("./channel/item")


def test_rss_feed_lists_live_articles_with_absolute_links(client, blog_index):
    response = client.get("/blog/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = rss_items(response)
    live = BlogPage.objects.live().filter(locale__language_code="en").count()
    assert len(items) == min(live, 20)
    for item in items:
        assert item.findtext("link").startswith("http://testserver/blog/")
        assert item.findtext("title")
        assert item.findtext("pubDate")


def test_atom_feed_parses_and_links_absolutely(client, blog_index):
    response = client.get("/blog/feed/atom/")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/blog/")


def test_category_feeds_contain_only_that_category(client, blog_index, make_article, category):
    make_article("In the feed category", categories=[category])
    items = rss_items(client.get("/blog/category/test-topic/feed/rss/"))
    assert [item.findtext("title") for item in items] == ["In the feed category"]
    atom = ET.fromstring(client.get("/blog/category/test-topic/feed/atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == [
        "In the feed category"
    ]


def test_unknown_category_feed_is_404(client, blog_index):
    assert client.get("/blog/category/nope/feed/rss/").status_code == 404


def test_pages_advertise_their_feeds(client, blog_index):
    html = client.get("/blog/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'href="http://testserver/blog/feed/atom/"' in html
    article = BlogPage.objects.live().first()
    assert 'type="application/rss+xml"' in client.get(article.url).content.decode()


def test_feed_dates_are_the_articles_publication_date(client, blog_index, make_article, category):
    import datetime
    from email.utils import parsedate_to_datetime

    from django.utils import timezone

    # Published today, but dated by its editor to an earlier day.
    article = make_article("Backdated article", categories=[category], days_ago=40)
    local_midnight = timezone.make_aware(
        datetime.datetime.combine(article.date, datetime.time()),
        timezone.get_default_timezone(),
    )
    republished = timezone.now().replace(microsecond=0)
    BlogPage.objects.filter(pk=article.pk).update(last_published_at=republished)
    item = rss_items(client.get("/blog/category/test-topic/feed/rss/"))[0]
    assert parsedate_to_datetime(item.findtext("pubDate")) == local_midnight

    atom = ET.fromstring(client.get("/blog/category/test-topic/feed/atom/").content)
    entry = atom.find(f"{ATOM}entry")
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert published == local_midnight
    assert updated == republished


def test_feed_updated_is_never_before_published(client, blog_index, make_article, category):
    import datetime

    # Dated by its editor to a day after it was last published.
    article = make_article("Dated ahead", categories=[category], days_ago=-3)
    BlogPage.objects.filter(pk=article.pk).update(
        last_published_at=article.first_published_at - datetime.timedelta(days=1)
    )
    atom = ET.fromstring(client.get("/blog/category/test-topic/feed/atom/").content)
    entry = atom.find(f"{ATOM}entry")
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated == published
