"""The people the site names: an author's address is theirs in each language, clinicians are
offered while active and for what they consult on, and staff edit both in the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from consultations.models import Procedure
from people.models import Author, Clinician

pytestmark = pytest.mark.django_db


def test_an_author_slug_is_taken_per_language(seeded):
    taken = Author.objects.get(locale__language_code="en", slug="adrian-vale")
    twin = Author(name="Another Vale", slug=taken.slug, locale=taken.locale)
    with pytest.raises(ValidationError) as refused:
        twin.clean()
    assert "Another author in this language has this slug." in str(refused.value)
    # The same address in Spanish belongs to the Spanish translation, not to this one.
    spanish = Locale.objects.get(language_code="es")
    Author.objects.filter(locale=spanish, slug=taken.slug).delete()
    Author(name="Otro Vale", slug=taken.slug, locale=spanish).clean()


def test_a_physician_is_named_with_their_credentials():
    assert Author(name="Jane Doe", credentials="MD").display_name == "Jane Doe, MD"
    assert str(Author(name="Sam Roe")) == "Sam Roe"


def test_clinicians_consult_on_what_their_procedures_list_or_on_everything(seeded):
    fillers, eyelids = Procedure.objects.order_by("pk")[:2]
    specialist = Clinician.objects.create(name="Dr. Test Narrow")
    specialist.procedures.set([fillers])
    generalist = Clinician.objects.create(name="Dr. Test Broad")
    retired = Clinician.objects.create(name="Dr. Test Retired", active=False)

    on_fillers = set(Clinician.objects.bookable().consulting_on([fillers]))
    assert {specialist, generalist} <= on_fillers
    assert retired not in on_fillers
    on_eyelids = set(Clinician.objects.bookable().consulting_on([eyelids]))
    assert generalist in on_eyelids
    assert specialist not in on_eyelids
    # The relation is the procedure's (consultations), read from either side.
    assert specialist in fillers.clinicians.all()


def test_the_front_desk_sees_and_changes_a_clinicians_procedures(admin_client_logged_in, seeded):
    fillers, eyelids = Procedure.objects.order_by("pk")[:2]
    clinician = Clinician.objects.create(name="Dr. Test Hazel", sort_order=9)
    clinician.procedures.set([fillers])
    edit = reverse("clinician:edit", args=[clinician.pk])

    form = admin_client_logged_in.get(edit).context["form"]
    assert list(form.initial["procedures"]) == [fillers]

    response = admin_client_logged_in.post(
        edit,
        {
            "name": "Dr. Test Hazel",
            "role": "surgeon",
            "author": "",
            "procedures": [eyelids.pk],
            "sort_order": 9,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert list(clinician.procedures.all()) == [eyelids]


def test_authors_are_edited_at_their_people_address(admin_client_logged_in, seeded):
    author = Author.objects.get(locale__language_code="en", slug="adrian-vale")
    listing = admin_client_logged_in.get("/admin/snippets/people/author/")
    assert listing.status_code == 200
    assert author.name in listing.content.decode()
    edit = admin_client_logged_in.get(f"/admin/snippets/people/author/edit/{author.pk}/")
    assert edit.status_code == 200
