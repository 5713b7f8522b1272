"""The Spanish procedure pages: their own words (recovery steps and case ages included),
booking about the procedure the English page books, the Spanish gallery and articles."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from consultations.forms import ChooseForm
from consultations.models import Procedure
from procedures.models import BeforeAfterCase, ProcedurePage

pytestmark = pytest.mark.django_db

SPANISH_EYELIDS = "/es/procedimientos/cirugia-de-parpados/"


def english_and_spanish(slug="eyelid-surgery"):
    english = ProcedurePage.objects.get(slug=slug)
    return english, english.get_translation(Locale.objects.get(language_code="es"))


def test_a_spanish_procedure_page_is_in_spanish_throughout(client, seeded):
    html = client.get(SPANISH_EYELIDS).content.decode()
    assert "<h1>Cirugía de párpados</h1>" in html
    assert "El día del procedimiento" in html and "Semana 1" in html
    assert "Week 1" not in html and "The day of the procedure" not in html
    assert "Revisado médicamente por" in html  # reviewed, by the Spanish physician profile


def test_the_spanish_page_books_the_procedure_the_english_page_names(client, seeded):
    english, _spanish = english_and_spanish()
    html = client.get(SPANISH_EYELIDS).content.decode().replace("&amp;", "&")
    assert f"/es/reservar/?procedure={english.pk}&source=" in html
    step_one = client.get(f"/es/reservar/?procedure={english.pk}").content.decode()
    chosen = Procedure.objects.get(page=english)
    assert re.search(rf'value="{chosen.pk}"[^>]*checked', step_one)


def test_the_spanish_booking_form_offers_the_same_procedures_by_their_spanish_titles(seeded):
    def offered():
        return [(value, str(label)) for value, label in ChooseForm().fields["procedures"].choices]

    with translation.override("es"):
        spanish = offered()
    with translation.override("en"):
        english = offered()
    assert [value for value, _ in spanish] == [value for value, _ in english]
    assert "Cirugía de párpados" in [label for _, label in spanish]
    assert "Eyelid surgery" in [label for _, label in english]


def test_a_spanish_procedure_page_is_no_second_booking_choice(seeded):
    _english, spanish = english_and_spanish()
    assert not Procedure.objects.filter(page=spanish).exists()
    spanish.title = "Blefaroplastia"
    spanish.save_revision().publish()
    assert not Procedure.objects.filter(page=spanish).exists()
    assert Procedure.objects.filter(name="Blefaroplastia").count() == 0


def test_spanish_articles_and_procedure_pages_name_each_other(client, seeded):
    article = "/es/articulos/guia-cirugia-de-parpados-superiores/"
    assert f'href="{SPANISH_EYELIDS}"' in client.get(article).content.decode()
    assert f'href="{article}"' in client.get(SPANISH_EYELIDS).content.decode()


def test_the_spanish_gallery_shows_the_cases_under_spanish_titles(client, seeded):
    html = client.get("/es/procedimientos/resultados/").content.decode()
    shown = BeforeAfterCase.objects.shown().count()
    assert html.count('<article class="case-card"') == shown
    assert "Cirugía de párpados, 3 meses después" in html
    assert "months" not in html
    # One procedure's cases, found through the English page they belong to.
    eyelids = client.get("/es/procedimientos/resultados/cirugia-de-parpados/").content.decode()
    english, _ = english_and_spanish()
    assert eyelids.count('<article class="case-card"') == (
        BeforeAfterCase.objects.shown().filter(procedure=english).count()
    )
    # The Spanish procedure page links the Spanish gallery.
    procedure = client.get(SPANISH_EYELIDS).content.decode()
    assert 'href="/es/procedimientos/resultados/cirugia-de-parpados/"' in procedure
