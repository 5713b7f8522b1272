"""The booking form's procedures are the procedure pages: one list, kept by editors."""

import re

import pytest

from consultations.forms import ChooseForm
from consultations.models import Procedure
from procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db


def offered():
    return [label for _, label in ChooseForm().fields["procedures"].choices]


def test_the_form_offers_the_live_procedure_pages_in_their_order(procedures_index):
    assert offered() == [p.title for p in procedures_index.procedures()]


def test_publishing_a_procedure_page_adds_it_to_the_form(make_procedure):
    page = make_procedure("Chin augmentation")
    assert Procedure.objects.get(page=page).name == "Chin augmentation"
    assert "Chin augmentation" in offered()


def test_unpublishing_a_procedure_page_takes_it_off_the_form():
    page = ProcedurePage.objects.get(slug="brow-lift")
    page.unpublish()
    assert "Brow lift" not in offered()
    assert Procedure.objects.filter(page=page).exists()  # bookings keep it


def test_a_procedure_bookings_named_before_its_page_existed_is_linked_by_name(make_procedure):
    legacy = Procedure.objects.create(name="Otoplasty")
    page = make_procedure("Otoplasty")
    legacy.refresh_from_db()
    assert legacy.page == page
    assert Procedure.objects.filter(name__iexact="otoplasty").count() == 1


def test_renaming_a_page_renames_its_booking_choice():
    page = ProcedurePage.objects.get(slug="rhinoplasty")
    page.title = "Nose reshaping"
    page.save_revision().publish()
    assert Procedure.objects.get(page=page).name == "Nose reshaping"


def test_book_about_a_procedure_opens_step_one_with_it_chosen(client):
    page = ProcedurePage.objects.get(slug="rhinoplasty")
    chosen = Procedure.objects.get(page=page)
    html = client.get(f"/book/?procedure={page.pk}").content.decode()
    assert f'value="{chosen.pk}" id="id_procedures_1" checked' in html
    # One procedure ticked; and "first available", the default clinician choice.
    assert len(re.findall(r'name="procedures"[^>]*checked', html)) == 1
    assert re.search(r'name="clinician" value=""[^>]*checked', html)
    assert html.count(" checked") == 2


@pytest.mark.parametrize("junk", ["abc", "99999999", "-1", "²"])
def test_an_unknown_procedure_in_the_link_chooses_nothing(client, junk):
    response = client.get("/book/", {"procedure": junk})
    assert response.status_code == 200
    # No procedure ticked (only "first available", the default clinician choice).
    assert not re.search(r'name="procedures"[^>]*checked', response.content.decode())
