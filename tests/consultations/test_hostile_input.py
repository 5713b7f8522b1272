"""The edge rule seen from the booking form, and the booking limits behind a balancer."""

import pytest

from consultations import availability
from consultations.models import ConsultationRequest
from tests.consultations.conftest import booking_data

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.2"


def test_a_form_field_with_a_nul_is_refused_and_nothing_is_stored(client, office, open_slot):
    response = client.post("/book/details/", booking_data(office, open_slot, first_name="Zo\x00ë"))
    assert response.status_code == 400
    assert "invisible control characters" in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_a_message_keeps_its_line_breaks_and_tabs(client, office, open_slot):
    message = "Line one\r\n\tLine two"
    response = client.post("/book/details/", booking_data(office, open_slot, message=message))
    assert response.status_code == 302
    assert ConsultationRequest.objects.get().message == message


def test_behind_a_balancer_each_visitor_has_their_own_booking_limit(settings, office, client):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.BOOKING_RATE_LIMIT = 1
    slots = [
        s for d in availability.open_slots("in_person", office.pk, days=21).values() for s in d
    ]

    def book(slot, visitor, email):
        return client.post(
            "/book/details/",
            booking_data(office, slot, email=email),
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=visitor,
        ).status_code

    assert book(slots[0], "203.0.113.1", "one@example.com") == 302
    # The same visitor again (another email): limited by their address.
    assert book(slots[1], "203.0.113.1", "two@example.com") == 429
    # Another visitor behind the same balancer: not held back.
    assert book(slots[2], "203.0.113.2", "three@example.com") == 302
