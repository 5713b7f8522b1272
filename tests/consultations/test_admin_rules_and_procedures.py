"""The booking rules settings screen and the procedures screen."""

import pytest

from consultations.models import BookingSettings, Procedure
from tests.consultations.admin_screens import SETTINGS

pytestmark = pytest.mark.django_db


def _booking_rules_form(**fields):
    return {
        "min_notice_hours": 24,
        "horizon_days": 60,
        "video_instructions": "Join from a quiet room.",
        "first_reminder_hours": 24,
        "second_reminder_hours": "",
        "video_link_template": "https://meet.jit.si/{room}",
        "video_link_opens_minutes": 30,
        "travel_minutes": 0,
        **fields,
    }


def test_front_desk_changes_minimum_notice_and_horizon(front_desk):
    response = front_desk.post(
        f"{SETTINGS}1/", _booking_rules_form(min_notice_hours=48, horizon_days=90)
    )
    assert response.status_code == 302
    rules = BookingSettings.load()
    assert (rules.min_notice_hours, rules.horizon_days) == (48, 90)


def test_front_desk_sets_a_second_reminder(front_desk):
    response = front_desk.post(f"{SETTINGS}1/", _booking_rules_form(second_reminder_hours=2))
    assert response.status_code == 302
    assert BookingSettings.load().second_reminder_hours == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"horizon_days": 0},
        {"horizon_days": 366},
        {"horizon_days": "soon"},
        {"min_notice_hours": -1},
        {"min_notice_hours": 24 * 30 + 1},
        {"min_notice_hours": ""},
        {"first_reminder_hours": 0},
        {"video_link_template": "http://meet.example.com/{room}"},
        {"video_link_template": "https://meet.example.com/fixed-room"},
    ],
    ids=[
        "horizon-0",
        "horizon-366",
        "horizon-text",
        "notice-negative",
        "notice-huge",
        "blank",
        "reminder-0",
        "video-link-not-https",
        "video-link-without-room",
    ],
)
def test_bad_booking_rules_are_refused_with_a_form_error(front_desk, fields):
    before = BookingSettings.load()
    response = front_desk.post(f"{SETTINGS}1/", _booking_rules_form(**fields))
    assert response.status_code == 200
    assert "error-message" in response.content.decode()
    after = BookingSettings.load()
    assert (after.min_notice_hours, after.horizon_days) == (
        before.min_notice_hours,
        before.horizon_days,
    )


# --- Procedures in use are deactivated, not deleted ----------------------------------------------


def test_a_procedure_named_in_requests_cannot_be_deleted(front_desk, booked):
    procedure = booked.procedures.get()
    url = f"/admin/procedure/delete/{procedure.pk}/"
    response = front_desk.get(url, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/procedure/edit/{procedure.pk}/"
    assert "Untick “Active”" in response.content.decode()
    response = front_desk.post(url)
    assert response.status_code == 302
    assert Procedure.objects.filter(pk=procedure.pk).exists()
    assert list(booked.procedures.all()) == [procedure]


def test_an_unused_procedure_can_be_deleted(front_desk, booked):
    unused = Procedure.objects.create(name="Typo procedure")
    assert front_desk.get(f"/admin/procedure/delete/{unused.pk}/").status_code == 200
    response = front_desk.post(f"/admin/procedure/delete/{unused.pk}/")
    assert response.status_code == 302
    assert not Procedure.objects.filter(pk=unused.pk).exists()
