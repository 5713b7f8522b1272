"""What the article, its cards, the home and office pages show never outlives a change: a
publish, an image edit, an author edit and a replaced document are on the very next
response, with the full-page cache off and on, and a preview shows the draft alone."""

import re
from pathlib import Path

import pytest
from wagtail.images.rect import Rect

from offices.models import OfficePage
from practice.models import HomePage

pytestmark = pytest.mark.django_db


def image_urls(html, image):
    stem = re.escape(Path(image.file.name).stem.split("_")[0])
    return set(re.findall(rf'[^\s"]*{stem}[^\s",]*', html))


def test_a_published_article_edit_shows_at_once_on_the_article_index_and_home(
    fetch, make_article, blog_index
):
    article = make_article("Original headline")
    article.save_revision().publish()
    for url in (article.url, blog_index.url, "/"):
        assert "Original headline" in fetch(url)

    def publish():
        article.title = "Revised headline"
        article.lede = "A revised summary."
        article.body = [{"type": "paragraph", "value": "<p>Freshly revised paragraph.</p>"}]
        article.save_revision().publish()

    fetch.change(publish)
    html = fetch(article.url)
    assert "Revised headline" in html and "Freshly revised paragraph." in html
    assert "Original headline" not in html
    for url in (blog_index.url, "/"):
        html = fetch(url)
        assert "Revised headline" in html and "Original headline" not in html


def test_a_hero_images_new_focal_point_shows_at_once_on_article_and_cards(
    fetch, make_article, blog_index, hero_image
):
    article = make_article("Pictured headline")
    pages = (article.url, blog_index.url, "/")
    before = {url: image_urls(fetch(url), hero_image) for url in pages}
    assert all(before.values())

    def refocus():
        hero_image.set_focal_point(Rect(0, 0, 40, 40))
        hero_image.save()

    fetch.change(refocus)
    for url in pages:
        after = image_urls(fetch(url), hero_image)
        assert after and not after & before[url], url


def test_an_authors_new_name_shows_at_once_on_the_article(fetch, make_article, author):
    article = make_article("Signed headline")
    assert "Dr. Test Surgeon" in fetch(article.url)

    def rename():
        author.name = "Dr. Renamed Surgeon"
        author.save()

    fetch.change(rename)
    html = fetch(article.url)
    assert "Dr. Renamed Surgeon" in html and "Dr. Test Surgeon" not in html


def test_a_published_home_page_edit_shows_at_once(fetch):
    home = HomePage.objects.get(locale__language_code="en")
    fetch("/")

    def publish():
        home.hero_heading = "A brand new welcome"
        home.save_revision().publish()

    fetch.change(publish)
    assert "A brand new welcome" in fetch("/")


def test_a_published_office_edit_shows_at_once(fetch):
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    fetch(office.url)

    def publish():
        office.intro = "Newly renovated rooms with a garden view."
        office.save_revision().publish()

    fetch.change(publish)
    assert "Newly renovated rooms with a garden view." in fetch(office.url)


def test_a_preview_shows_the_draft_and_leaves_the_live_article_alone(
    fetch, make_article, page_cache_enabled
):
    article = make_article("Live headline")
    article.save_revision().publish()
    assert "Live headline" in fetch(article.url)

    article.title = "Draft headline"
    article.body = [{"type": "paragraph", "value": "<p>Unpublished draft words.</p>"}]
    article.save_revision()
    draft = article.get_latest_revision_as_object()
    preview = draft.make_preview_request().content.decode()
    assert "Draft headline" in preview and "Unpublished draft words." in preview

    html = fetch(article.url)
    assert "Live headline" in html and "Unpublished draft words." not in html


def test_a_replaced_documents_new_link_shows_at_once_on_the_article(fetch, make_article):
    """Wagtail serves a document only under its current file name: a page still linking to
    the old one would send readers to a 404."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    leaflet = get_document_model()(title="Aftercare leaflet")
    leaflet.file.save("aftercare-2025.txt", ContentFile(b"first edition"), save=False)
    leaflet.save()
    paragraph = f'<p>Read the <a linktype="document" id="{leaflet.pk}">leaflet</a>.</p>'
    article = make_article("Linked headline", body=[{"type": "paragraph", "value": paragraph}])
    article.save_revision().publish()
    old_url = leaflet.url
    assert old_url in fetch(article.url)

    def replace():
        leaflet.file.save("aftercare-2026.txt", ContentFile(b"second edition"), save=False)
        leaflet.save()

    fetch.change(replace)
    html = fetch(article.url)
    assert leaflet.url != old_url
    assert leaflet.url in html and old_url not in html
