"""The home page's procedures section: a StreamField block editors place and fill, showing
cards from the live procedure pages in the page's language."""

import re

import pytest

from practice.models import HomePage
from procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db


def section(html):
    found = re.search(r'<section class="procedure-cards".*?</section>', html, re.S)
    return found.group(0) if found else ""


def card_links(html):
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)"', section(html))


def test_the_demo_home_shows_every_live_procedure_in_order(client, seeded):
    links = card_links(client.get("/").content.decode())
    expected = [
        page.url
        for page in ProcedurePage.objects.live().filter(locale__language_code="en").order_by("path")
    ]
    assert links == expected and len(links) >= 3
    html = section(client.get("/").content.decode())
    assert 'href="/procedures/"' in html and 'href="/procedures/results/"' in html


def test_the_spanish_home_shows_the_spanish_pages(client, seeded):
    links = card_links(client.get("/es/").content.decode())
    assert links and all(link.startswith("/es/procedimientos/") for link in links)


def test_editors_choose_and_order_the_procedures(client, seeded):
    home = HomePage.objects.get(locale__language_code="en")
    rhinoplasty = ProcedurePage.objects.get(slug="rhinoplasty")
    eyelids = ProcedurePage.objects.get(slug="eyelid-surgery")
    body = [
        block
        if block["type"] != "procedures"
        else {
            **block,
            "value": {
                **block["value"],
                "procedures": [rhinoplasty.pk, eyelids.pk],
                "show_gallery_link": False,
            },
        }
        for block in home.body.raw_data
    ]
    home.body = body
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert card_links(html) == [rhinoplasty.url, eyelids.url]
    assert "/procedures/results/" not in section(html)
    # The Spanish home, given the same choice, links the Spanish translations.
    home_es = HomePage.objects.get(locale__language_code="es")
    home_es.body = [
        block
        if block["type"] != "procedures"
        else {**block, "value": {**block["value"], "procedures": [rhinoplasty.pk]}}
        for block in home_es.body.raw_data
    ]
    home_es.save_revision().publish()
    spanish = ProcedurePage.objects.get(
        translation_key=rhinoplasty.translation_key, locale__language_code="es"
    )
    assert card_links(client.get("/es/").content.decode()) == [spanish.url]


def test_an_unpublished_procedure_leaves_the_home_page(client, seeded):
    ProcedurePage.objects.get(slug="rhinoplasty").unpublish()
    assert "/procedures/rhinoplasty/" not in card_links(client.get("/").content.decode())
