"""Each page type's main fragment (the article with its cards, the blog listing, the home
page's sections, the office page's hours and photos) is cached as HTML under the site
generation: an edit and publish of what it shows, or of a related row, is on the very next
response with the page cache off and on; a preview or a revision view neither reads nor
writes it; and each listing, page number and filter has its own copy."""

import datetime
import re

import pytest
from django.urls import reverse
from taggit.models import Tag

from blog.models import BlogCategory, BlogIndexPage
from offices.models import OfficePage, OpeningHours
from practice.models import HomePage

pytestmark = pytest.mark.django_db


def main(html):
    """The page's <main>: where the main fragment is (the head's tags are rendered afresh)."""
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def card_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)<', html)


@pytest.fixture
def published_article(make_article):
    article = make_article("Live headline")
    article.save_revision().publish()
    article.refresh_from_db()  # its live revision
    return article


@pytest.fixture(params=["home", "blog index", "article", "office"])
def live_page(request, seeded):
    """One page of each type with a main fragment, and the field its fragment shows."""
    if request.param == "home":
        return HomePage.objects.get(locale__language_code="en"), "hero_heading"
    if request.param == "blog index":
        return BlogIndexPage.objects.get(locale__language_code="en"), "title"
    if request.param == "office":
        return OfficePage.objects.get(locale__language_code="en", slug="santa-monica"), "intro"
    return request.getfixturevalue("published_article"), "lede"


def save_draft(page, field, value):
    """A draft revision (which retires nothing) with `value` in `field`: the preview's."""
    setattr(page, field, value)
    return page.save_revision().as_object()


def test_a_preview_of_a_draft_is_rendered_afresh_and_never_cached(fetch, live_page):
    page, field = live_page
    url = page.url
    assert "Unpublished draft words" not in main(fetch(url))  # the live fragment, stored
    draft = save_draft(page, field, "Unpublished draft words")
    # Served from the stored fragment, the preview would show the live version.
    assert "Unpublished draft words" in main(draft.make_preview_request().content.decode())
    # Stored by the preview, the live page would show the draft.
    assert "Unpublished draft words" not in main(fetch(url))


def test_a_preview_before_any_visit_leaves_nothing_for_the_live_page(fetch, live_page):
    page, field = live_page
    draft = save_draft(page, field, "Unpublished draft words")
    assert "Unpublished draft words" in main(draft.make_preview_request().content.decode())
    assert "Unpublished draft words" not in main(fetch(page.url))


def test_a_revision_view_neither_reads_nor_writes_the_articles_fragment(
    fetch, published_article, admin_client_logged_in
):
    article = published_article
    live_revision = article.live_revision
    article.title = "Draft headline"
    draft_revision = article.save_revision()
    view = "wagtailadmin_pages:revisions_view"
    # A revision view first: it must not store the draft as the live article.
    html = admin_client_logged_in.get(reverse(view, args=[article.pk, draft_revision.pk]))
    assert "Draft headline" in main(html.content.decode())
    assert "Draft headline" not in main(fetch(article.url))
    # The live article stored: the draft's revision view must not be answered with it.
    html = admin_client_logged_in.get(reverse(view, args=[article.pk, draft_revision.pk]))
    assert "Draft headline" in main(html.content.decode())
    html = admin_client_logged_in.get(reverse(view, args=[article.pk, live_revision.pk]))
    assert "Live headline" in main(html.content.decode())


def test_a_published_edit_of_each_main_fragment_shows_at_once(fetch, live_page):
    page, field = live_page
    assert "Freshly published words" not in main(fetch(page.url))

    def publish():
        setattr(page, field, "Freshly published words")
        page.save_revision().publish()

    fetch.change(publish)
    assert "Freshly published words" in main(fetch(page.url))


def test_an_authors_new_name_shows_at_once_in_the_articles_body(fetch, make_article, author):
    article = make_article("Signed headline")
    assert "Dr. Test Surgeon" in main(fetch(article.url))

    def rename():
        author.name = "Dr. Renamed Surgeon"
        author.save()

    fetch.change(rename)
    body = main(fetch(article.url))
    assert "Dr. Renamed Surgeon" in body and "Dr. Test Surgeon" not in body


def test_a_tags_new_name_shows_at_once_on_the_article_and_its_listing(
    fetch, make_article, blog_index
):
    article = make_article("Tagged headline", tags=["fragment-tag"])
    listing = f"{blog_index.url}tag/fragment-tag/"
    assert "fragment-tag" in main(fetch(article.url))
    assert "fragment-tag" in main(fetch(listing))
    tag = Tag.objects.get(slug="fragment-tag")

    def rename():
        tag.name = "Renamed subject"
        tag.save()

    fetch.change(rename)
    assert "Renamed subject" in main(fetch(article.url))
    assert "Renamed subject" in main(fetch(listing))


def test_an_offices_new_hours_show_at_once_on_its_page(fetch):
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    assert "6:45" not in main(fetch(office.url))

    def new_hours():
        office.opening_hours.add(
            OpeningHours(weekday=6, opens=datetime.time(6, 45), closes=datetime.time(7, 30))
        )
        office.save_revision().publish()

    fetch.change(new_hours)
    assert "6:45" in main(fetch(office.url))


def test_each_listing_page_and_filter_has_its_own_fragment(fetch, make_article, blog_index):
    category = BlogCategory.objects.create(name="Variant topic", slug="variant-topic")
    # Eleven in the category (two pages of ten), the oldest also tagged.
    for n in range(11):
        make_article(
            f"Variant story {n}",
            categories=[category],
            days_ago=n,
            tags=["variant-tag"] if n == 10 else (),
        )
    listing = f"{blog_index.url}category/variant-topic/"
    first = card_titles(main(fetch(listing)))
    second = card_titles(main(fetch(listing + "?page=2")))
    tagged = card_titles(main(fetch(f"{blog_index.url}tag/variant-tag/")))
    everything = card_titles(main(fetch(blog_index.url)))
    assert first == [f"Variant story {n}" for n in range(10)]
    assert second == ["Variant story 10"]
    assert tagged == ["Variant story 10"]
    assert everything[0] == "Variant story 0"
    # A page number it cannot read is the first page, under the first page's own entry.
    assert card_titles(main(fetch(listing + "?page=junk"))) == first
    assert card_titles(main(fetch(listing + "?page=2"))) == second
