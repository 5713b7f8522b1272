"""The front desk's day view, week view and printable day sheet in the Wagtail admin."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import availability
from consultations.admin.dashboard import dashboard_summary
from consultations.models import ConsultationRequest, Mode, Procedure, Status
from offices.models import OfficePage
from people.models import Clinician
from practice.roles import CONTENT_EDITORS, FRONT_DESK, ensure_roles
from tests.consultations.conftest import demo_clinician

pytestmark = pytest.mark.django_db

DAY = "/admin/front-desk/day/"
WEEK = "/admin/front-desk/week/"
SHEET = "/admin/front-desk/day/sheet/"


def _member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def front_desk(client, office, django_user_model):
    ensure_roles()
    client.force_login(_member(django_user_model, "desk", FRONT_DESK))
    return client


@pytest.fixture
def editor(client, office, django_user_model):
    ensure_roles()
    client.force_login(_member(django_user_model, "writer", CONTENT_EDITORS))
    return client


# Santa Monica (the `office` fixture) consults Tuesday morning and afternoon, Thursday and
# Friday mornings. Tests that count gaps freeze the clock so the first session day is known.
WEDNESDAY_MORNING = datetime.datetime(2026, 12, 9, 8, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
MONDAY_MORNING = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def _first_session_day(office):
    today = timezone.localdate()
    planned = availability.scheduled_slots(
        Mode.IN_PERSON, office.pk, today, today + datetime.timedelta(days=14)
    )
    day = min(planned)
    return day, planned[day]


@pytest.fixture
def session_day(office):
    """The first day in the next two weeks with consultation sessions at the office."""
    return _first_session_day(office)


@pytest.fixture
def one_session_day(office):
    """Thursday, seen from a frozen Wednesday morning: one morning session."""
    with time_machine.travel(WEDNESDAY_MORNING, tick=True):
        yield _first_session_day(office)


@pytest.fixture
def two_session_day(office):
    """Tuesday, seen from a frozen Monday morning: a morning and an afternoon session."""
    with time_machine.travel(MONDAY_MORNING, tick=True):
        yield _first_session_day(office)


def _book(office, starts_at, **fields):
    booking = ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=demo_clinician(),
        starts_at=starts_at,
        first_name=fields.pop("first_name", "Bea"),
        last_name=fields.pop("last_name", "Lopez"),
        email="bea@example.com",
        phone="+13105550150",
        message="Worried about my droopy eyelids and a scar.",
        consent_at=timezone.now(),
        **fields,
    )
    booking.procedures.set(Procedure.objects.filter(name="Eyelid surgery"))
    return booking


def _at(day, hour, minute=0):
    zone = availability.practice_zone()
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def test_day_view_shows_bookings_status_and_free_gaps_per_office(
    front_desk, office, one_session_day
):
    day, slots = one_session_day
    assert day.weekday() == 3  # Thursday: one morning session
    booking = _book(office, slots[1].starts_at, first_name="Ana", status=Status.CONFIRMED)
    html = front_desk.get(DAY, {"date": day.isoformat(), "where": f"office-{office.pk}"})
    html = html.content.decode()
    assert "Ana Lopez" in html
    assert f"/admin/consultation_requests/inspect/{booking.pk}/" in html
    assert "Confirmed" in html
    # The slot before the booking and the ones after it are free gaps, not hidden.
    assert html.count("data-free=") == 2
    assert f'data-free="{len(slots) - 2}"' in html
    assert f"1 booked · {len(slots) - 1} free slots of {len(slots)}" in html


def test_day_view_splits_free_time_at_the_break_between_sessions(
    front_desk, office, two_session_day
):
    day, slots = two_session_day
    assert day.weekday() == 1  # Tuesday: a morning and an afternoon session
    morning = [s for s in slots if timezone.localtime(s.starts_at).hour < 12]
    _book(office, slots[1].starts_at, first_name="Ana")
    html = front_desk.get(DAY, {"date": day.isoformat(), "where": f"office-{office.pk}"})
    gaps = [int(n) for n in re.findall(r'data-free="(\d+)"', html.content.decode())]
    # Before the booking, the rest of the morning, and the whole afternoon: never one gap
    # that runs through lunch.
    assert gaps == [1, len(morning) - 2, len(slots) - len(morning)]


def test_day_view_shows_the_language_each_visitor_booked_in(front_desk, office, session_day):
    # The front desk calls Spanish-speaking visitors back in Spanish.
    day, slots = session_day
    spanish = _book(office, slots[0].starts_at, first_name="Lucia", language="es")
    english = _book(office, slots[1].starts_at, first_name="Ann", language="en")
    html = front_desk.get(DAY, {"date": day.isoformat(), "where": f"office-{office.pk}"})
    html = html.content.decode()
    rows = dict(re.findall(r'<a[^>]*data-booking="(\d+)"[^>]*>(.*?)</a>', html, re.S))
    assert 'data-language="es">Español<' in rows[str(spanish.pk)]
    assert 'data-language="en">English<' in rows[str(english.pk)]


def test_day_view_has_a_column_per_clinician_and_each_office_once(front_desk, office):
    html = front_desk.get(DAY).content.decode()
    for clinician in Clinician.objects.filter(active=True):
        assert f'data-clinician="{clinician.pk}"' in html
    # The place filter names each office once, in English, never a translation as another.
    for other in OfficePage.objects.live():
        english = other.locale.language_code == "en"
        assert (f'<option value="office-{other.pk}"' in html) is english
        assert (other.title in html) is english
    assert '<option value="video"' in html


def test_day_view_moves_by_day_and_jumps_to_a_date(front_desk, session_day):
    day, _slots = session_day
    html = front_desk.get(DAY, {"date": day.isoformat()}).content.decode()
    assert f"?date={(day - datetime.timedelta(days=1)).isoformat()}" in html
    assert f"?date={(day + datetime.timedelta(days=1)).isoformat()}" in html
    assert f'value="{day.isoformat()}"' in html  # the date field shows the chosen day
    assert front_desk.get(DAY, {"date": "not-a-date", "where": "junk"}).status_code == 200


def test_week_view_shows_seven_days_with_the_bookings(front_desk, office, session_day):
    day, slots = session_day
    _book(office, slots[0].starts_at, first_name="Ana")
    html = front_desk.get(WEEK, {"date": day.isoformat()}).content.decode()
    monday = day - datetime.timedelta(days=day.weekday())
    for offset in range(7):
        assert (monday + datetime.timedelta(days=offset)).isoformat() in html
    assert "Ana Lopez" in html


def test_day_sheet_has_names_times_and_phones_but_no_health_details(
    front_desk, office, session_day
):
    day, slots = session_day
    _book(office, slots[0].starts_at, first_name="Ana")
    _book(office, slots[2].starts_at, first_name="Gone", status=Status.CANCELLED)
    html = front_desk.get(SHEET, {"date": day.isoformat()}).content.decode()
    assert "Ana Lopez" in html
    assert "555-0150" in html
    assert slots[0].local.strftime("%-I:%M") in html
    for secret in ("eyelid", "Eyelid", "scar", "droopy", "bea@example.com", "Gone Lopez"):
        assert secret not in html


@pytest.mark.parametrize("url", [DAY, WEEK, SHEET])
def test_content_editors_cannot_open_the_day_views(editor, url):
    response = editor.get(url)
    assert response.status_code in (302, 403)
    assert b"Lopez" not in response.content


@pytest.mark.parametrize("url", [DAY, WEEK, SHEET])
def test_front_desk_can_open_the_day_views(front_desk, url):
    assert front_desk.get(url).status_code == 200


def test_the_day_view_is_in_the_front_desk_menu(front_desk):
    assert DAY in front_desk.get("/admin/").content.decode()


def test_the_day_view_is_not_in_an_editors_menu(editor):
    assert DAY not in editor.get("/admin/").content.decode()


@pytest.mark.parametrize("url", [DAY, WEEK, SHEET])
def test_day_views_cost_the_same_queries_for_1_and_20_bookings(
    front_desk, office, session_day, django_assert_max_num_queries, url
):
    day, _slots = session_day
    params = {"date": day.isoformat()}
    _book(office, _at(day, 0))
    front_desk.get(url, params)  # warm per-session caches (site, settings, menu)
    with CaptureQueriesContext(connection) as one:
        front_desk.get(url, params)
    for hour in range(1, 20):
        _book(office, _at(day, hour), first_name=f"P{hour}")
    with django_assert_max_num_queries(len(one)):
        html = front_desk.get(url, params).content.decode()
    assert html.count("Lopez") >= 20


def test_dashboard_lists_each_office_once_in_english_with_nothing_booked(office):
    names = [row["name"] for row in dashboard_summary()["resources"]]
    english = OfficePage.objects.live().filter(locale__language_code="en")
    assert sorted(names) == sorted([*english.values_list("title", flat=True), "Video"])
    # The Spanish translations are the same offices, not more of them.
    assert OfficePage.objects.live().count() > english.count()


def test_dashboard_counts_by_clinician_and_by_office(office, session_day):
    day, slots = session_day
    _book(office, slots[0].starts_at)
    summary = dashboard_summary()
    by_clinician = {row["name"]: row["week"] for row in summary["by_clinician"]}
    assert by_clinician["Dr. Adrian Vale"] == 1
    assert by_clinician["Dr. Celia Ibarra"] == 0
    by_office = {row["key"]: row["week"] for row in summary["resources"]}
    assert by_office[f"office-{office.pk}"] == 1
