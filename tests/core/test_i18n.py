"""The Spanish edition: URLs under /es/, the language switcher, hreflang alternates (head
and sitemap), <html lang>, JSON-LD inLanguage, feeds per language, the Spanish 404, the
page cache per language and per-locale purging."""

import re
import time
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.utils import translation

from blog.models import BlogPage
from caching import generation, page_cache, purge
from offices.models import OfficePage
from practice.models import ContentPage

pytestmark = pytest.mark.django_db

# Every page type with a Spanish translation in the demo: (English path, Spanish path).
TRANSLATED = {
    "home": ("/", "/es/"),
    "content page": ("/privacy-policy/", "/es/politica-de-privacidad/"),
    "offices index": ("/offices/", "/es/consultorios/"),
    "office page": ("/offices/santa-monica/", "/es/consultorios/santa-monica/"),
    "blog index": ("/blog/", "/es/articulos/"),
    "article": (
        "/blog/upper-eyelid-surgery-guide/",
        "/es/articulos/guia-cirugia-de-parpados-superiores/",
    ),
    "booking page": ("/book/", "/es/reservar/"),
    "procedures index": ("/procedures/", "/es/procedimientos/"),
    "procedure page": ("/procedures/eyelid-surgery/", "/es/procedimientos/cirugia-de-parpados/"),
    "gallery": ("/procedures/results/", "/es/procedimientos/resultados/"),
}


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def html_lang(html):
    return re.search(r'<html lang="([^"]+)">', html).group(1)


@pytest.mark.parametrize("page_type", TRANSLATED)
def test_each_page_type_links_its_translation_both_ways(client, seeded, page_type):
    english, spanish = TRANSLATED[page_type]
    en_html = client.get(english).content.decode()
    es_html = client.get(spanish).content.decode()
    assert html_lang(en_html) == "en" and html_lang(es_html) == "es"
    assert switcher_links(en_html) == {"es": spanish}
    assert switcher_links(es_html) == {"en": english}
    expected = {
        "en": f"http://localhost{english}",
        "es": f"http://localhost{spanish}",
        "x-default": f"http://localhost{english}",
    }
    assert hreflangs(en_html) == expected
    assert hreflangs(es_html) == expected


def test_a_page_with_no_translation_switches_to_the_other_home_and_has_no_alternates(
    client, seeded
):
    html = client.get("/blog/brow-lift-explained/").content.decode()  # English only
    assert switcher_links(html) == {"es": "/es/"}
    assert hreflangs(html) == {}


def test_spanish_pages_are_in_spanish_throughout(client, seeded):
    html = client.get("/es/").content.decode()
    assert "Saltar al contenido principal" in html
    assert 'href="/es/reservar/' in html  # the header's Book button leads to the Spanish page
    assert 'href="/es/politica-de-privacidad/"' in html  # the footer's privacy link
    assert "Consultorio de Santa Mónica" in html  # the footer lists the Spanish offices
    assert "Beverly Hills Office" not in html
    assert 'href="/es/sobre-nosotros/"' in html  # the menu is the Spanish tree's


def test_the_spanish_404_is_in_spanish(client, seeded):
    response = client.get("/es/no-existe/")
    html = response.content.decode()
    assert response.status_code == 404
    assert html_lang(html) == "es"
    assert "No encontramos esa página" in html
    english = client.get("/no-such-page/").content.decode()
    assert "We couldn’t find that page" in english and html_lang(english) == "en"


def test_article_json_ld_names_its_language(client, seeded):
    html = client.get(TRANSLATED["article"][1]).content.decode()
    assert '"inLanguage": "es"' in html
    assert '"inLanguage": "en"' in client.get(TRANSLATED["article"][0]).content.decode()


def test_feeds_are_per_language(client, seeded):
    spanish = client.get("/es/articulos/feed/rss/").content.decode()
    english = client.get("/blog/feed/rss/").content.decode()
    assert "<language>es</language>" in spanish and "<language>en</language>" in english
    assert "Cirugía de párpados superiores" in spanish
    assert "Upper eyelid" not in spanish
    assert "Cirugía de párpados superiores" not in english


def test_search_finds_pages_in_the_visitors_language(client, seeded):
    spanish = client.get("/es/search/?q=párpados").content.decode()
    assert "/es/articulos/guia-cirugia-de-parpados-superiores/" in spanish
    english = client.get("/search/?q=eyelid").content.decode()
    assert "/es/" not in re.sub(r'<nav class="language-switcher".*?</nav>', "", english, flags=re.S)


def test_the_sitemap_lists_both_languages_with_alternates(client, seeded):
    xml = client.get("/sitemap.xml").content.decode()
    english, spanish = TRANSLATED["article"]
    assert f"<loc>http://localhost{spanish}</loc>" in xml
    entry = xml.split(f"<loc>http://localhost{english}</loc>")[1].split("</url>")[0]
    assert f'hreflang="es" href="http://localhost{spanish}"' in entry
    assert f'hreflang="x-default" href="http://localhost{english}"' in entry


def test_the_page_cache_never_serves_one_language_for_the_other(seeded, settings):
    settings.PAGE_CACHE_ENABLED = True
    client = Client()
    for english, spanish in TRANSLATED.values():
        if english.startswith("/book/"):
            continue
        for _ in range(2):  # a miss, then a hit
            es = client.get(spanish)
            en = client.get(english)
            assert html_lang(es.content.decode()) == "es", spanish
            assert html_lang(en.content.decode()) == "en", english
            assert es["Content-Language"] == "es" and en["Content-Language"] == "en"
        assert (es["X-Page-Cache"], en["X-Page-Cache"]) == ("hit", "hit"), (english, spanish)


def test_a_cache_key_carries_the_language_of_its_address(rf):
    # The key's language comes from the address, whatever language happens to be active.
    current = generation.Generation("g", time.time() + 60)
    with translation.override("es"):
        english = page_cache.entry_key(rf.get("/"), current)
    assert english == page_cache.entry_key(rf.get("/"), current)
    assert english != page_cache.entry_key(rf.get("/es/"), current)
    assert page_cache.page_language(rf.get("/es/blog/")) == "es"
    assert page_cache.page_language(rf.get("/blog/")) == "en"


def test_a_response_in_another_language_than_its_address_is_not_stored(rf):
    english_address = rf.get("/robots.txt")
    response = HttpResponse("Sitemap", content_type="text/html")
    with translation.override("es"):  # LocaleMiddleware followed Accept-Language
        assert not page_cache.response_is_cacheable(response, english_address)
    with translation.override("en"):
        assert page_cache.response_is_cacheable(response, english_address)


def test_the_spanish_booking_pages_are_never_cached(seeded, settings):
    settings.PAGE_CACHE_ENABLED = True
    client = Client()
    for _ in range(2):
        response = client.get("/es/reservar/")
        assert "X-Page-Cache" not in response


def test_publishing_a_spanish_page_retires_the_english_pages_too(seeded):
    # The English page's hreflang and language switcher name its translation: one site.
    article = BlogPage.objects.get(slug="guia-cirugia-de-parpados-superiores")
    assert purge.decide(article) == purge.WHOLE_SITE


def test_a_spanish_office_books_the_office_its_schedules_name(client, seeded):
    html = client.get("/es/consultorios/santa-monica/").content.decode()
    english = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    assert f"/es/reservar/?office={english.pk}" in html.replace("&amp;", "&")
    step_two = client.get(f"/es/reservar/times/?mode=in_person&office={english.pk}")
    assert step_two.status_code == 200
    assert "Consultorio de Santa Mónica" in step_two.content.decode()


def test_the_spanish_catalogue_is_complete():
    """Every string in the Spanish catalogue is translated, none is fuzzy, and each keeps
    its placeholders (a missing %(ref)s would raise when the email is built)."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"))
    problems = [f"untranslated: {e.msgid}" for e in catalogue.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid}" for e in catalogue.fuzzy_entries()]
    placeholder = re.compile(r"%\(\w+\)s")
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(placeholder.findall(text)) != sorted(placeholder.findall(entry.msgid)):
                problems.append(f"placeholders differ: {entry.msgid}")
    assert len(catalogue) > 150
    assert not problems, "\n".join(problems)


def test_a_spanish_menu_page_publish_shows_in_both_languages_at_once(
    seeded, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    client = Client()
    for path in ("/", "/es/", "/es/articulos/"):
        client.get(path)
    about = ContentPage.objects.get(slug="sobre-nosotros")
    assert about.show_in_menus
    about.title = "Quiénes somos"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    spanish = client.get("/es/")
    assert spanish["X-Page-Cache"] == "miss"
    assert "Quiénes somos" in spanish.content.decode()
    assert client.get("/es/articulos/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("page_cache_on", [False, True], ids=["page-cache-off", "page-cache-on"])
def test_the_switcher_follows_a_translation_withdrawn_at_once(
    client, seeded, settings, page_cache_on, django_capture_on_commit_callbacks
):
    # The header (with the switcher) is cached as HTML per page: withdrawing the Spanish
    # version must show on the English page's next response, cached pages or not.
    settings.PAGE_CACHE_ENABLED = page_cache_on
    english, spanish = TRANSLATED["content page"]
    assert switcher_links(client.get(english).content.decode()) == {"es": spanish}
    client.get(english)  # the header fragment (and the page) are cached now
    with django_capture_on_commit_callbacks(execute=True):
        ContentPage.objects.get(slug="politica-de-privacidad").unpublish()
    assert switcher_links(client.get(english).content.decode()) == {"es": "/es/"}
