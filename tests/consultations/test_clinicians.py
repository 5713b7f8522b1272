"""Booking by clinician: one person is never in two places at once, two people in one office
are fine, "first available" assigns fairly under concurrency, travel time, the self-service
cutoff, and every place a booking shows names its clinician."""

import datetime
import json
import re
import uuid

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import availability, booking, links, notifications, staff
from consultations.forms import ChooseForm
from consultations.ics import build_calendar
from consultations.models import (
    BookingSettings,
    ConsultationRequest,
    Mode,
    Procedure,
    ScheduleException,
    ScheduleRule,
    Status,
)
from offices.models import OfficePage
from people.models import Clinician
from tests.concurrency import run_concurrently
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data, demo_clinician

T = datetime.time
DETAILS = {
    "first_name": "Rae",
    "last_name": "Lind",
    "email": "rae@example.com",
    "phone": "+13105550100",
}


def _session(clinician, office, weekday, start, end, minutes=60):
    # objects.create skips clean(): a test may set up what the admin form would refuse.
    return ScheduleRule.objects.create(
        clinician=clinician,
        mode=Mode.VIDEO if office is None else Mode.IN_PERSON,
        office=office,
        weekday=weekday,
        start=start,
        end=end,
        slot_minutes=minutes,
    )


@pytest.fixture
def day(office):
    """A day eight days ahead with no session at Santa Monica or by video but the test's own."""
    when = timezone.localdate() + datetime.timedelta(days=8)
    ScheduleRule.objects.filter(weekday=when.weekday()).delete()
    ScheduleException.objects.filter(date=when).delete()
    office.hours_exceptions.all().delete()
    return when


@pytest.fixture
def alder(day, office):
    """Dr. Alder: Santa Monica 9-12, and (set up past the form's check) video 10-11."""
    clinician = Clinician.objects.create(name="Dr. Test Alder", sort_order=10)
    _session(clinician, office, day.weekday(), T(9), T(12))
    _session(clinician, None, day.weekday(), T(10), T(11))
    return clinician


@pytest.fixture
def birch(day, office):
    """Dr. Birch: Santa Monica 9-12, the same hours as Dr. Alder."""
    clinician = Clinician.objects.create(name="Dr. Test Birch", sort_order=11)
    _session(clinician, office, day.weekday(), T(9), T(12))
    return clinician


def _at(day, hour, minute=0):
    return availability.local_to_utc(day, T(hour, minute), availability.practice_zone())


def _book(clinician, office, starts_at, mode=Mode.IN_PERSON, procedures=()):
    return booking.book(
        mode=mode,
        office=office if mode == Mode.IN_PERSON else None,
        starts_at=starts_at,
        procedures=list(procedures),
        details=dict(DETAILS),
        submission_token=uuid.uuid4(),
        clinician=clinician,
    )


def _insert(clinician, office, starts_at, minutes=60):
    return ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=clinician,
        starts_at=starts_at,
        duration_minutes=minutes,
        consent_at=timezone.now(),
        **DETAILS,
    )


# --- One person, one place ------------------------------------------------------------------


def test_one_clinician_booked_by_video_at_10_is_refused_10_in_santa_monica(
    office, day, alder, birch
):
    _book(alder, None, _at(day, 10), mode=Mode.VIDEO)
    # The booking form no longer offers it, and booking it anyway is "just taken".
    assert _at(day, 10) not in [
        s.starts_at
        for s in availability.open_slots(
            Mode.IN_PERSON, office.pk, clinicians=[alder.pk], start=day, days=0
        ).get(day, [])
    ]
    with pytest.raises(booking.SlotTaken):
        _book(alder, office, _at(day, 10))
    # Past the application, the database refuses the same start for the same person.
    with pytest.raises(IntegrityError), transaction.atomic():
        _insert(alder, office, _at(day, 10))
    assert ConsultationRequest.objects.filter(clinician=alder).count() == 1


def test_the_database_refuses_one_clinician_overlapping_at_two_places(office, day, alder):
    require_postgresql("The exclusion constraint")
    _book(alder, None, _at(day, 10), mode=Mode.VIDEO)  # 10:00-11:00 by video
    with (
        pytest.raises(IntegrityError, match="no_overlapping_active_bookings"),
        transaction.atomic(),
    ):
        _insert(alder, office, _at(day, 10, 30), minutes=30)


def test_another_clinician_at_the_same_office_and_time_is_fine(office, day, alder, birch):
    first = _book(alder, office, _at(day, 10))
    second = _book(birch, office, _at(day, 10))
    assert (first.clinician, second.clinician) == (alder, birch)
    assert first.office == second.office and first.starts_at == second.starts_at
    _insert(Clinician.objects.create(name="Dr. Test Cedar"), office, _at(day, 10))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_bookings_of_one_clinicians_slot_make_exactly_one(
    settings, office, day, alder, birch
):
    require_postgresql("The concurrency test (real concurrent transactions)")
    settings.BOOKING_RATE_LIMIT_ENABLED = False
    slot = availability.Slot(_at(day, 9), 60)
    attempts = 20

    def attempt(i, go):
        data = booking_data(
            office, slot, clinician=str(alder.pk), first_name=f"V{i}", email=f"v{i}@x.org"
        )
        client = Client()
        go()
        response = client.post("/book/details/", data)
        return (response.status_code, response.content.decode())

    results = run_concurrently(attempts, attempt)
    codes = [code for code, _ in results]
    assert codes.count(302) == 1, codes
    assert codes.count(409) == attempts - 1, codes
    assert all("that time was just taken" in html for code, html in results if code == 409)
    assert (
        ConsultationRequest.objects.filter(clinician=alder, starts_at=slot.starts_at).count() == 1
    )
    # Dr. Birch's 9:00 in the same office is still open.
    assert availability.open_at(Mode.IN_PERSON, office.pk, slot.starts_at, clinicians=[birch.pk])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_first_available_under_concurrency_never_gives_one_clinician_two_visitors(
    office, day, alder, birch
):
    require_postgresql("The concurrency test (real concurrent transactions)")
    cedar = Clinician.objects.create(name="Dr. Test Cedar", sort_order=12)
    _session(cedar, office, day.weekday(), T(9), T(12))
    ids = {alder.pk, birch.pk, cedar.pk}
    wanted = _at(day, 9)
    attempts = 12

    def attempt(i, go):
        go()
        try:
            made = booking.book(
                mode=Mode.IN_PERSON,
                office=office,
                starts_at=wanted,
                procedures=[],
                details={**DETAILS, "email": f"r{i}@example.com"},
                submission_token=uuid.uuid4(),
            )
        except booking.SlotTaken:
            return "taken"
        return made.clinician_id

    outcomes = run_concurrently(attempts, attempt)
    assigned = [o for o in outcomes if o != "taken"]
    assert sorted(assigned) == sorted(ids), outcomes  # each clinician once, none twice
    assert outcomes.count("taken") == attempts - 3
    held = ConsultationRequest.objects.filter(starts_at=wanted, status__in=["new", "confirmed"])
    assert sorted(held.values_list("clinician_id", flat=True)) == sorted(ids)


# --- First available ---------------------------------------------------------------------


def test_first_available_takes_the_least_booked_clinician_that_week_ties_by_order(
    office, day, alder, birch
):
    first = _book(None, office, _at(day, 9))
    assert first.clinician == alder  # no bookings yet: the first in profile order
    second = _book(None, office, _at(day, 11))
    assert second.clinician == birch  # Dr. Alder has one this week, Dr. Birch none
    third = _book(None, office, _at(day, 10))
    assert third.clinician == alder  # one each: profile order again


def test_first_available_offers_the_union_of_open_times(office, day, alder, birch):
    _book(alder, office, _at(day, 9))
    union = availability.open_slots(Mode.IN_PERSON, office.pk, start=day, days=0)[day]
    assert _at(day, 9) in [s.starts_at for s in union]  # Dr. Birch is still free then
    _book(birch, office, _at(day, 9))
    union = availability.open_slots(Mode.IN_PERSON, office.pk, start=day, days=0)[day]
    assert [s.starts_at for s in union] == [_at(day, 10), _at(day, 11)]


def test_step_one_lists_only_clinicians_who_consult_on_the_chosen_procedure(client, office):
    fillers = Procedure.objects.get(page__slug="dermal-fillers")
    html = client.get("/book/", {"procedure": fillers.page_id}).content.decode()
    assert "Nora Castillo, RN" in html and "Dr. Adrian Vale" in html
    assert "Dr. Celia Ibarra" not in html  # a surgeon who does not do injectables
    ibarra = demo_clinician("Dr. Celia Ibarra")
    form = ChooseForm(
        {"mode": "video", "procedures": [str(fillers.pk)], "clinician": str(ibarra.pk)}
    )
    assert not form.is_valid()
    assert "Dr. Celia Ibarra does not see patients about" in str(form.errors["clinician"])
    first_available = ChooseForm({"mode": "video", "procedures": [str(fillers.pk)]})
    assert first_available.is_valid()
    assert ibarra.pk not in first_available.cleaned_data["candidates"]


def test_a_book_with_link_preselects_the_clinician(client, office):
    ibarra = demo_clinician("Dr. Celia Ibarra")
    html = client.get("/book/", {"clinician": ibarra.pk}).content.decode()
    assert re.search(rf'value="{ibarra.pk}"[^>]*checked', html)
    plain = client.get("/book/").content.decode()
    assert re.search(r'name="clinician" value=""[^>]*checked', plain)  # first available
    assert client.get("/book/", {"clinician": "junk"}).status_code == 200


def test_a_physicians_profile_offers_booking_and_staff_without_one_stay_unnamed(client, office):
    vale = demo_clinician()
    html = client.get("/blog/author/adrian-vale/").content.decode()
    assert f"?clinician={vale.pk}" in html and "Book with Dr. Adrian Vale" in html
    data = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    person = next(d for d in data if "Person" in str(d.get("@type")))
    assert person["potentialAction"]["@type"] == "ReserveAction"
    assert f"clinician={vale.pk}" in person["potentialAction"]["target"]
    procedure = client.get("/procedures/eyelid-surgery/").content.decode()
    assert "Book with Dr. Adrian Vale" in procedure
    assert "Ibarra" not in procedure  # no public profile: not named on the site's pages


# --- Travel between offices --------------------------------------------------------------


def test_travel_time_hides_exactly_the_slots_it_blocks(office, day):
    beverly = OfficePage.objects.get(locale__language_code="en", slug="beverly-hills")
    beverly.hours_exceptions.all().delete()
    traveller = Clinician.objects.create(name="Dr. Test Rowan")
    _session(traveller, office, day.weekday(), T(9), T(11))  # 9:00, 10:00
    _session(traveller, beverly, day.weekday(), T(11), T(14))  # 11:00, 12:00, 13:00
    _session(traveller, None, day.weekday(), T(15), T(16))  # video needs no travel

    def starts(place_office, mode=Mode.IN_PERSON):
        found = availability.open_slots(
            mode, place_office, clinicians=[traveller.pk], start=day, days=0
        )
        return [s.local.strftime("%H:%M") for s in found.get(day, [])]

    assert starts(office.pk) == ["09:00", "10:00"]
    assert starts(beverly.pk) == ["11:00", "12:00", "13:00"]
    rules = BookingSettings.load()
    rules.travel_minutes = 30
    rules.save()
    # 10:00-11:00 in Santa Monica runs into the drive; so does 11:00 in Beverly Hills.
    assert starts(office.pk) == ["09:00"]
    assert starts(beverly.pk) == ["12:00", "13:00"]
    assert starts(None, Mode.VIDEO) == ["15:00"]


# --- The admin -----------------------------------------------------------------------------


def test_a_clinicians_sessions_may_not_overlap_across_places_in_the_admin(
    admin_client_logged_in, office, day, birch
):
    form = {
        "clinician": birch.pk,
        "mode": "video",
        "office": "",
        "weekday": day.weekday(),
        "start": "10:00",
        "end": "11:00",
        "slot_minutes": 30,
    }
    response = admin_client_logged_in.post("/admin/schedulerule/new/", form)
    assert response.status_code == 200
    assert "cannot be in two places at once" in response.content.decode()
    # Another clinician by video at that time, or in the same office, is fine.
    other = Clinician.objects.create(name="Dr. Test Elm")
    response = admin_client_logged_in.post(
        "/admin/schedulerule/new/", {**form, "clinician": other.pk}
    )
    assert response.status_code == 302
    same_office = {**form, "clinician": other.pk, "mode": "in_person", "office": office.pk}
    response = admin_client_logged_in.post(
        "/admin/schedulerule/new/", {**same_office, "start": "09:00", "end": "10:00"}
    )
    assert response.status_code == 302


def test_the_front_desk_manages_clinicians_in_the_admin(admin_client_logged_in, office):
    fillers = Procedure.objects.get(page__slug="dermal-fillers")
    response = admin_client_logged_in.post(
        "/admin/clinician/new/",
        {
            "name": "Dr. Test Hazel",
            "role": "physician_assistant",
            "author": "",
            "procedures": [fillers.pk],
            "sort_order": 5,
            "active": "on",
        },
    )
    assert response.status_code == 302
    hazel = Clinician.objects.get(name="Dr. Test Hazel")
    assert list(hazel.procedures.all()) == [fillers]
    assert "Dr. Test Hazel" in admin_client_logged_in.get("/admin/clinician/").content.decode()


# --- Moves and the self-service cutoff ---------------------------------------------------


def test_a_visitors_move_keeps_the_clinician_and_the_front_desk_may_change_it(
    office, day, alder, birch, superuser
):
    made = _book(alder, office, _at(day, 9))
    booking.reschedule(made, _at(day, 10), by="visitor")
    made.refresh_from_db()
    assert made.clinician == alder and made.starts_at == _at(day, 10)
    staff.reschedule(made, _at(day, 11), superuser, clinician=birch)
    made.refresh_from_db()
    assert made.clinician == birch and made.starts_at == _at(day, 11)
    assert made.resource_key == f"clinician-{birch.pk}"


@pytest.mark.parametrize(
    ("language", "prefix", "call_text"),
    [("en", "/book", "please call us"), ("es", "/es/reservar", "llámenos")],
)
def test_a_late_cancel_or_move_is_refused_and_the_page_says_to_call(
    client, office, day, alder, language, prefix, call_text
):
    made = _book(alder, office, _at(day, 9))
    made.language = language
    made.save(update_fields=["language"])
    url = f"{prefix}/manage/{links.make_token(made)}/"
    with time_machine.travel(made.starts_at - datetime.timedelta(hours=3), tick=False):
        page = client.get(url)
        html = page.content.decode()
        assert page.status_code == 200
        assert call_text in html.lower()
        assert office.phone.as_national in html
        assert 'value="cancel"' not in html and 'value="reschedule"' not in html
        refused = client.post(url, {"action": "cancel"})
        assert refused.status_code == 409
        moved = client.post(url, {"action": "reschedule", "slot": "2030-01-01T17:00:00Z"})
        assert moved.status_code == 409
    made.refresh_from_db()
    assert made.status == Status.NEW and made.starts_at == _at(day, 9)


def test_before_the_cutoff_visitors_cancel_online_and_staff_are_never_limited(
    client, settings, office, day, alder, superuser
):
    settings.BOOKING_CHANGE_CUTOFF_HOURS = 48
    made = _book(alder, office, _at(day, 9))
    with time_machine.travel(made.starts_at - datetime.timedelta(hours=49), tick=False):
        assert booking.visitor_may_change(made)
    with time_machine.travel(made.starts_at - datetime.timedelta(hours=47), tick=False):
        assert not booking.visitor_may_change(made)
        with pytest.raises(booking.TooLateToChange):
            booking.cancel(made, by="visitor")
        staff.change_status(made, Status.CANCELLED, superuser)
    made.refresh_from_db()
    assert made.status == Status.CANCELLED


# --- Where a booking shows --------------------------------------------------------------


def test_emails_calendar_file_and_manage_page_name_the_clinician(client, office, day, alder):
    made = _book(alder, office, _at(day, 9))
    for notification in made.notifications.all():
        notifications.deliver(notification.pk)
    confirmation = next(m for m in mail.outbox if made.email in m.to)
    assert "Dr. Test Alder" in confirmation.body
    assert "Dr. Test Alder" in confirmation.alternatives[0][0]
    ics = build_calendar(made, "The Practice").decode()
    assert "Dr. Test Alder" in ics
    assert "ORGANIZER" not in ics or "Alder" not in ics.split("ORGANIZER", 1)[1].split("\n")[0]
    html = client.get(f"/book/manage/{links.make_token(made)}/").content.decode()
    assert "Dr. Test Alder" in html


# --- Query budgets ------------------------------------------------------------------------


def _add_clinicians(office, day, count, start_index):
    for i in range(start_index, start_index + count):
        clinician = Clinician.objects.create(name=f"Dr. Budget {i}", sort_order=20 + i)
        _session(clinician, office, day.weekday(), T(9), T(12))
        _session(clinician, None, (day.weekday() + 1) % 7, T(9), T(12))
        _insert(clinician, office, _at(day, 10))


def _count(client, url, params):
    client.get(url, params)  # warm the per-process caches (site, settings, menu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("step", ["choose", "times", "details"])
def test_booking_steps_cost_the_same_queries_for_n_and_2n_clinicians(
    client, office, day, alder, step
):
    choose = {"mode": "in_person", "office": office.pk}
    url, params = {
        "choose": ("/book/", {}),
        "times": ("/book/times/", {**choose, "from": day.isoformat()}),
        "details": ("/book/details/", {**choose, "slot": availability.Slot(_at(day, 9), 60).value}),
    }[step]
    _add_clinicians(office, day, 4, 0)
    with_n = _count(client, url, params)
    _add_clinicians(office, day, 4, 4)
    with_2n = _count(client, url, params)
    assert with_2n == with_n


def test_day_view_costs_the_same_queries_for_n_and_2n_clinicians(
    admin_client_logged_in, office, day
):
    params = {"date": day.isoformat()}
    _add_clinicians(office, day, 4, 0)
    with_n = _count(admin_client_logged_in, "/admin/front-desk/day/", params)
    _add_clinicians(office, day, 4, 4)
    with_2n = _count(admin_client_logged_in, "/admin/front-desk/day/", params)
    assert with_2n == with_n
    html = admin_client_logged_in.get("/admin/front-desk/day/", params).content.decode()
    assert html.count('class="day-grid__head') >= 8


@pytest.mark.parametrize(
    "url",
    [
        "/admin/schedulerule/",
        "/admin/scheduleexception/",
        "/admin/consultation_requests/",
        "/admin/front-desk/week/",
    ],
)
def test_front_desk_screens_show_each_office_once_in_english(admin_client_logged_in, office, url):
    html = admin_client_logged_in.get(url).content.decode()
    assert "Santa Monica Office" in html
    assert "Consultorio de" not in html  # a translation is the same office, not another


def test_the_front_desk_role_manages_clinicians(client, office, django_user_model):
    from django.contrib.auth.models import Group

    from practice.roles import FRONT_DESK, ensure_roles

    ensure_roles()
    desk = django_user_model.objects.create_user("desk", "desk@example.com", "pw", is_staff=True)
    desk.groups.add(Group.objects.get(name=FRONT_DESK))
    client.force_login(desk)
    assert client.get("/admin/clinician/").status_code == 200
    assert client.get("/admin/clinician/new/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/schedulerule/new/", "/admin/scheduleexception/new/"])
def test_schedule_forms_offer_each_office_once_in_english(admin_client_logged_in, office, url):
    html = admin_client_logged_in.get(url).content.decode()
    select = re.search(r'<select name="office"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the office is a plain list, not the page chooser's tree"
    offered = set(re.findall(r'<option value="(\d+)"', select.group(1)))
    english = OfficePage.objects.filter(locale__language_code="en")
    assert offered == {str(pk) for pk in english.values_list("pk", flat=True)}
    assert "Consultorio de" not in select.group(1)


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        (
            "/admin/schedulerule/new/",
            {"weekday": 6, "start": "19:00", "end": "20:00", "slot_minutes": 30},
        ),
        (
            "/admin/scheduleexception/new/",
            {"date": "2031-01-05", "kind": "closed", "slot_minutes": 45, "note": ""},
        ),
    ],
    ids=["weekly-session", "exception"],
)
def test_a_spanish_office_page_is_refused_with_a_form_error(
    admin_client_logged_in, office, birch, url, fields
):
    spanish = OfficePage.objects.get(
        translation_key=office.translation_key, locale__language_code="es"
    )
    form = {"clinician": birch.pk, "mode": "in_person", "office": spanish.pk, **fields}
    response = admin_client_logged_in.post(url, form)
    assert response.status_code == 200
    assert "A translated office page is the same office" in response.content.decode()
    assert not ScheduleRule.objects.filter(office=spanish).exists()
    assert not ScheduleException.objects.filter(office=spanish).exists()
    # The same form with the English page is saved.
    assert admin_client_logged_in.post(url, {**form, "office": office.pk}).status_code == 302
