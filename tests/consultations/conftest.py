"""Fixtures for the booking tests: a seeded site, an office, open slots, a form poster, and
the front desk and content editor signed in to the admin."""

import time
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core import signing

from consultations import availability
from consultations.forms import STARTED_SALT
from consultations.models import ConsultationRequest, Mode, Procedure
from offices.models import OfficePage
from people.models import Clinician
from practice.roles import CONTENT_EDITORS, FRONT_DESK, ensure_roles


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    # Most tests submit instantly; the min-fill-time test turns this back on.
    settings.BOOKING_MIN_FILL_SECONDS = 0


@pytest.fixture
def no_demo_bookings(seeded):
    # seed_demo adds sample bookings; these tests count requests from a clean slate.
    ConsultationRequest.objects.all().delete()


@pytest.fixture
def office(seeded, no_demo_bookings):
    return OfficePage.objects.get(locale__language_code="en", slug="santa-monica")


@pytest.fixture
def clinician(seeded):
    """Dr. Vale, the demo's clinician who holds every Santa Monica session."""
    return Clinician.objects.get(name="Dr. Adrian Vale")


@pytest.fixture
def open_slot(office, clinician):
    days = availability.open_slots(Mode.IN_PERSON, office.pk, clinicians=[clinician.pk], days=21)
    return next(iter(days.values()))[0]


def started_stamp(seconds_ago=60):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def booking_data(at_office, at_slot, **overrides):
    data = {
        "mode": Mode.IN_PERSON,
        "office": str(at_office.pk) if at_office else "",
        "procedures": [str(Procedure.objects.order_by("pk").first().pk)],
        "slot": at_slot.value if at_slot else "",
        "callback": "",
        "first_name": "Ana",
        "last_name": "Morales",
        "email": "ana@example.com",
        "phone": "(310) 555-0123",
        "preferred_contact": "email",
        "message": "I would like to discuss my eyelids.",
        "consent": "on",
        "website": "",
        "started": started_stamp(),
        "token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the final step; on-commit work (queued emails) runs as it would in production."""

    def post(data, client_=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (client_ or client).post("/book/details/", data)

    return post


def demo_clinician(name="Dr. Adrian Vale"):
    """A demo clinician (seeded; Dr. Vale unless named), for bookings and sessions made
    directly in a test."""
    return Clinician.objects.get(name=name)


@pytest.fixture
def roles(seeded):
    ensure_roles()


def _member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def front_desk(client, roles, django_user_model):
    client.force_login(_member(django_user_model, "desk", FRONT_DESK))
    return client


@pytest.fixture
def editor(client, roles, django_user_model):
    client.force_login(_member(django_user_model, "writer", CONTENT_EDITORS))
    return client


@pytest.fixture
def booked(office, open_slot, submit):
    """One booking made through the form, as a visitor would."""
    submit(booking_data(office, open_slot))
    return ConsultationRequest.objects.get()
