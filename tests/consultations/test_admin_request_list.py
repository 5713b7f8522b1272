"""The front desk's request list: search, filters, sorting and pages."""

import datetime

import pytest
from django.utils import timezone

from consultations.models import Mode, Notification, Procedure
from tests.consultations.admin_screens import INDEX, make_request

pytestmark = pytest.mark.django_db


# --- Listing, search, filters -------------------------------------------------------------


def test_front_desk_finds_a_booking_by_phone_name_email_and_reference(front_desk, booked):
    for query in (
        "(310) 555-0123",
        "3105550123",
        "555-0123",
        "Ana Morales",
        "ana@example",
        booked.reference.lower(),
    ):
        response = front_desk.get(INDEX, {"q": query})
        assert response.status_code == 200
        assert booked.reference in response.content.decode(), query
    response = front_desk.get(INDEX, {"q": "(212) 555-0000"})
    assert booked.reference not in response.content.decode()


def test_listing_filters_by_status_office_mode_procedure_and_date(front_desk, booked, office):
    day = timezone.localtime(booked.starts_at).date()
    procedure = booked.procedures.get()
    matching = [
        {"status": "new"},
        {"office": office.pk},
        {"mode": Mode.IN_PERSON},
        {"procedures": procedure.pk},
        {"starts_at_from": day.isoformat(), "starts_at_to": day.isoformat()},
    ]
    for params in matching:
        assert booked.reference in front_desk.get(INDEX, params).content.decode(), params
    other_procedure = Procedure.objects.exclude(pk=procedure.pk).first()
    excluding = [
        {"status": "confirmed"},
        {"mode": Mode.VIDEO},
        {"procedures": other_procedure.pk},
        {"starts_at_from": (day + datetime.timedelta(days=1)).isoformat()},
    ]
    for params in excluding:
        assert booked.reference not in front_desk.get(INDEX, params).content.decode(), params


def test_listing_shows_the_slot_in_practice_time_and_junk_filters_do_not_break_it(
    front_desk, booked
):
    html = front_desk.get(INDEX).content.decode()
    assert booked.slot_display in html
    for junk in (
        {"status": "nonsense"},
        {"starts_at_from": "not-a-date"},
        {"p": "abc"},
        {"ordering": "bogus"},
    ):
        assert front_desk.get(INDEX, junk).status_code in (200, 404)


# --- Failed emails: from the dashboard to the requests ----------------------------------------


def test_listing_filters_by_email_delivery_state(front_desk, booked, office):
    other = make_request(office, booked.starts_at + datetime.timedelta(days=1))
    Notification.objects.create(request=other, kind="visitor_confirmation", state="sent")
    booked.notifications.update(state="pending")
    failed = booked.notifications.first()
    failed.state = "failed"
    failed.save()
    expected = {"failed": {booked}, "pending": {booked}, "sent": {other}}
    for state, shown in expected.items():
        listed = list(front_desk.get(INDEX, {"emails": state}).context["object_list"])
        # One row per request, however many of its emails match.
        assert listed == list(shown), state


# --- Sorting, pagination, a week's export ----------------------------------------------------


def _references_in_order(html, references):
    return sorted(references, key=html.index)


def test_listing_sorts_by_consultation_time_both_ways(front_desk, office):
    soon = timezone.now() + datetime.timedelta(days=2)
    requests = [make_request(office, soon + datetime.timedelta(hours=h)) for h in (5, 1, 3)]
    by_time = [r.reference for r in sorted(requests, key=lambda r: r.starts_at)]
    html = front_desk.get(INDEX, {"ordering": "starts_at"}).content.decode()
    assert _references_in_order(html, by_time) == by_time
    html = front_desk.get(INDEX, {"ordering": "-starts_at"}).content.decode()
    assert _references_in_order(html, by_time) == by_time[::-1]


def test_listing_second_page_holds_the_rows_after_the_first_25(front_desk, office):
    first = timezone.now() + datetime.timedelta(days=3)
    requests = [make_request(office, first + datetime.timedelta(hours=h)) for h in range(30)]
    page_two = front_desk.get(INDEX, {"ordering": "starts_at", "p": 2})
    assert page_two.status_code == 200
    html = page_two.content.decode()
    assert [r.reference for r in requests if r.reference in html] == [
        r.reference for r in requests[25:]
    ]
