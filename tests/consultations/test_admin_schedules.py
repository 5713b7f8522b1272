"""The schedule screens: weekly sessions, dated exceptions and the open slots preview."""

import datetime

import pytest
from django.utils import timezone

from consultations import availability
from consultations.models import Mode, ScheduleException, ScheduleRule
from tests.consultations.conftest import demo_clinician

pytestmark = pytest.mark.django_db


# --- Schedules ----------------------------------------------------------------------------


def test_schedule_validation_in_the_admin(front_desk, office):
    before = ScheduleRule.objects.count()
    response = front_desk.post(
        "/admin/schedulerule/new/",
        {
            "clinician": demo_clinician().pk,
            "mode": "in_person",
            "office": office.pk,
            "weekday": 0,
            "start": "12:00",
            "end": "09:00",
            "slot_minutes": 45,
        },
    )
    assert response.status_code == 200
    assert "end after it starts" in response.content.decode()
    existing = ScheduleRule.objects.filter(office=office).first()
    response = front_desk.post(
        "/admin/schedulerule/new/",
        {
            "clinician": existing.clinician_id,
            "mode": "in_person",
            "office": office.pk,
            "weekday": existing.weekday,
            "start": existing.start.strftime("%H:%M"),
            "end": existing.end.strftime("%H:%M"),
            "slot_minutes": 45,
        },
    )
    assert response.status_code == 200
    assert "overlaps" in response.content.decode()
    assert ScheduleRule.objects.count() == before


def test_availability_preview_shows_the_effect_of_an_exception(front_desk, office):
    day, slots = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk, days=14).items()))
    label = f"{day:%a} {day.day} {day:%b}"
    html = front_desk.get("/admin/availability_preview/").content.decode()
    assert label in html and office.title in html
    ScheduleException.objects.create(
        clinician=demo_clinician(), mode=Mode.IN_PERSON, office=office, date=day
    )
    html = front_desk.get("/admin/availability_preview/").content.decode()
    section = html.split(office.title, 1)[1].split("<h2", 1)[0]
    assert label not in section


# --- Schedule exceptions and booking rules in the admin ---------------------------------------


def _exception_form(at_office, day, **fields):
    # An evening session: outside the demo's weekly sessions.
    return {
        "clinician": demo_clinician().pk,
        "mode": "in_person",
        "office": at_office.pk,
        "date": day.isoformat(),
        "kind": "extra",
        "start": "19:00",
        "end": "20:30",
        "slot_minutes": 45,
        "note": "",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"start": "", "end": ""}, "needs a start time"),
        ({"end": ""}, "needs an end time"),
        ({"start": "20:00", "end": "19:00"}, "end after it starts"),
        ({"start": "19:00", "end": "19:00"}, "end after it starts"),
    ],
    ids=["no-times", "no-end", "end-before-start", "zero-length"],
)
def test_extra_session_needs_a_start_before_its_end(front_desk, office, fields, error):
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = front_desk.post(
        "/admin/scheduleexception/new/", _exception_form(office, day, **fields)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ScheduleException.objects.filter(date=day).exists()


def test_a_valid_extra_session_is_saved_and_a_closed_day_needs_no_times(front_desk, office):
    day = timezone.localdate() + datetime.timedelta(days=10)
    assert (
        front_desk.post("/admin/scheduleexception/new/", _exception_form(office, day)).status_code
        == 302
    )
    response = front_desk.post(
        "/admin/scheduleexception/new/",
        _exception_form(office, day + datetime.timedelta(days=1), kind="closed", start="", end=""),
    )
    assert response.status_code == 302
    assert (
        ScheduleException.objects.filter(
            office=office, date__in=[day, day + datetime.timedelta(days=1)]
        ).count()
        == 2
    )


def test_extra_sessions_may_not_overlap_each_other_or_the_weekly_session(front_desk, office):
    # The demo's closures (relative to today) could fall on the chosen day and open it up.
    ScheduleException.objects.filter(office=office).delete()
    office.hours_exceptions.all().delete()
    weekly = ScheduleRule.objects.filter(office=office).first()
    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 + (weekly.weekday - today.weekday()) % 7)
    front_desk.post("/admin/scheduleexception/new/", _exception_form(office, day))
    assert ScheduleException.objects.filter(date=day).count() == 1
    response = front_desk.post(
        "/admin/scheduleexception/new/", _exception_form(office, day, start="20:00", end="21:00")
    )
    assert response.status_code == 200
    assert "overlaps another extra session" in response.content.decode()
    inside_weekly = _exception_form(
        office, day, start=weekly.start.strftime("%H:%M"), end=weekly.end.strftime("%H:%M")
    )
    response = front_desk.post("/admin/scheduleexception/new/", inside_weekly)
    assert response.status_code == 200
    assert "overlaps the weekly session" in response.content.decode()
    assert ScheduleException.objects.filter(date=day).count() == 1


def test_in_person_exception_needs_an_office(front_desk, office):
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = front_desk.post(
        "/admin/scheduleexception/new/", _exception_form(office, day, office="")
    )
    assert response.status_code == 200
    assert "Choose the office" in response.content.decode()
    assert not ScheduleException.objects.filter(date=day).exists()


def test_an_extra_session_may_use_the_weekly_hours_on_an_office_holiday(front_desk, office):
    from offices.models import HoursException

    ScheduleException.objects.filter(office=office).delete()
    weekly = ScheduleRule.objects.filter(office=office).first()
    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 + (weekly.weekday - today.weekday()) % 7)
    HoursException.objects.filter(page=office).delete()
    inside_weekly = _exception_form(
        office, day, start=weekly.start.strftime("%H:%M"), end=weekly.end.strftime("%H:%M")
    )
    refused = front_desk.post("/admin/scheduleexception/new/", inside_weekly)
    assert "overlaps the weekly session" in refused.content.decode()

    # Closed on the office page: the weekly session does not run, so its hours are free.
    HoursException.objects.create(page=office, date=day, closed=True, note="Holiday")
    response = front_desk.post("/admin/scheduleexception/new/", inside_weekly)
    assert response.status_code == 302
    assert ScheduleException.objects.filter(office=office, date=day, kind="extra").exists()
