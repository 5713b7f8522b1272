"""The header and footer every page shows are cached as HTML (Wagtail's `{% wagtailcache %}`)
per site generation, language, origin and, for the header, page: a settings edit, a menu
page, an office edit and the language of the request are all on the very next response,
with the page cache off and on, and a preview renders them afresh."""

import re

import pytest
from wagtail.models import Site

from core.site_settings import PracticeIdentity, PracticeSettings
from offices.models import OfficePage
from practice.models import ContentPage

pytestmark = pytest.mark.django_db


def header(html):
    return re.search(r"<header.*?</header>", html, re.S).group(0)


def footer(html):
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


def test_a_settings_edit_shows_at_once_in_header_and_footer(fetch):
    for url in ("/", "/about/"):
        fetch(url)

    def rename():
        identity = PracticeIdentity.objects.get(locale__language_code="en")
        identity.name = "Harbor Facial Surgery"
        identity.save()
        settings = PracticeSettings.for_site(Site.objects.get(is_default_site=True))
        settings.email = "hello@harbor.example"
        settings.save()

    fetch.change(rename)
    for url in ("/", "/about/"):
        html = fetch(url)
        assert '"site-logo" href="/">Harbor Facial Surgery<' in header(html)
        assert "Harbor Facial Surgery" in footer(html)
        assert "hello@harbor.example" in footer(html)


def test_a_page_joining_the_menu_shows_at_once_on_every_page(fetch):
    page = ContentPage.objects.live().get(slug="about")
    page.show_in_menus = False
    page.save_revision().publish()
    assert 'href="/about/"' not in header(fetch("/"))

    def join_menu():
        page.show_in_menus = True
        page.save_revision().publish()

    fetch.change(join_menu)
    assert 'href="/about/"' in header(fetch("/"))


def test_an_office_edit_shows_at_once_in_every_footer(fetch):
    office = OfficePage.objects.live().first()
    assert office.title in footer(fetch("/"))

    def rename():
        office.title = "Harborview Office"
        office.save_revision().publish()

    fetch.change(rename)
    for url in ("/", "/about/"):
        assert "Harborview Office" in footer(fetch(url))


def test_the_header_marks_and_names_each_page_not_the_first_one_cached(fetch):
    about = ContentPage.objects.live().get(slug="about")
    about.show_in_menus = True
    fetch.change(lambda: about.save_revision().publish())
    home_header = header(fetch("/"))
    about_header = header(fetch("/about/"))
    assert f"source={about.pk}" in about_header
    assert f"source={about.pk}" not in home_header
    assert '<a href="/about/" aria-current="page">' in about_header
    assert '<a href="/about/" aria-current="page">' not in home_header


def test_the_chrome_is_cached_per_language(client, seeded, rendered):
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    assert "Privacy policy" in footer(english) and "Política de privacidad" not in footer(english)
    assert "Política de privacidad" in footer(spanish) and "Privacy policy" not in footer(spanish)
    # The menus, before the language switcher (which links the other language).
    english_menu = header(english).split('class="language-switcher"')[0]
    spanish_menu = header(spanish).split('class="language-switcher"')[0]
    assert 'href="/es/' in spanish_menu and 'href="/es/' not in english_menu


def test_a_preview_renders_the_chrome_afresh(client, seeded, rendered):
    about = ContentPage.objects.live().get(slug="about")
    assert "Quietly Renamed Practice" not in header(client.get("/about/").content.decode())
    # Renamed behind every signal: only a render that skips the cached chrome shows it.
    PracticeIdentity.objects.filter(locale__language_code="en").update(
        name="Quietly Renamed Practice"
    )
    preview = about.make_preview_request().content.decode()
    assert "Quietly Renamed Practice" in header(preview)
