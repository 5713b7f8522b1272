"""An office's holiday closure (from its page's opening-hours exceptions) stops its in-person
sessions that day; video and staff-added extra sessions are not the office's door."""

import datetime

import pytest

from consultations import availability
from consultations.models import Mode, ScheduleException
from offices.models import HoursException
from tests.consultations.conftest import demo_clinician

pytestmark = pytest.mark.django_db


def first_open_day(mode, office_id=None):
    return next(iter(availability.open_slots(mode, office_id, days=21)))


def test_a_holiday_closure_on_the_office_page_removes_that_days_slots(office):
    day = first_open_day(Mode.IN_PERSON, office.pk)
    HoursException.objects.create(page=office, date=day, closed=True, note="Staff day")
    assert day not in availability.open_slots(Mode.IN_PERSON, office.pk, days=21)


def test_special_hours_do_not_close_the_schedule(office):
    day = first_open_day(Mode.IN_PERSON, office.pk)
    HoursException.objects.create(
        page=office, date=day, closed=False, opens=datetime.time(9), closes=datetime.time(12)
    )
    assert day in availability.open_slots(Mode.IN_PERSON, office.pk, days=21)


def test_another_offices_closure_and_video_are_unaffected(office):
    from offices.models import OfficePage

    other = OfficePage.objects.live().exclude(pk=office.pk).first()
    day = first_open_day(Mode.IN_PERSON, office.pk)
    HoursException.objects.create(page=other, date=day, closed=True)
    assert day in availability.open_slots(Mode.IN_PERSON, office.pk, days=21)

    video_day = first_open_day(Mode.VIDEO)
    HoursException.objects.create(page=office, date=video_day, closed=True)
    assert video_day in availability.open_slots(Mode.VIDEO, days=21)


def test_an_extra_session_on_a_closed_day_is_still_offered(office):
    day = first_open_day(Mode.IN_PERSON, office.pk)
    HoursException.objects.create(page=office, date=day, closed=True)
    ScheduleException.objects.create(
        clinician=demo_clinician(),
        office=office,
        date=day,
        kind=ScheduleException.Kind.EXTRA,
        start=datetime.time(18),
        end=datetime.time(19),
        slot_minutes=30,
    )
    slots = availability.open_slots(Mode.IN_PERSON, office.pk, days=21)[day]
    assert [s.local.time() for s in slots] == [datetime.time(18), datetime.time(18, 30)]
