"""The booking guarantees: no double booking under concurrency, correct slots across
daylight-saving changes, no lost booking when mail fails, and safe self-service links."""

import datetime
import os
import re
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar

from consultations import availability, booking, links, notifications
from consultations.models import (
    REMINDER_KINDS,
    ConsultationRequest,
    Mode,
    Notification,
    ScheduleException,
    ScheduleRule,
    Status,
)
from tests.concurrency import run_concurrently
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data, demo_clinician

LA = ZoneInfo("America/Los_Angeles")


def _utc(y, m, d, hh, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=datetime.UTC)


# --- No double booking -------------------------------------------------------------------


# serialized_rollback restores what migrations created (root page, locale, collections)
# after the flush that ends a transactional test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_bookings_of_one_slot_make_exactly_one(settings, office, open_slot):
    require_postgresql("The concurrency test (real concurrent transactions)")
    settings.BOOKING_RATE_LIMIT_ENABLED = False
    attempts = 20

    def attempt(i, go):
        data = booking_data(office, open_slot, first_name=f"Visitor{i}", email=f"v{i}@example.com")
        client = Client()
        go()
        response = client.post("/book/details/", data)
        return (response.status_code, response.content.decode())

    results = run_concurrently(attempts, attempt)
    codes = [code for code, _ in results]
    assert codes.count(302) == 1, codes
    assert codes.count(409) == attempts - 1, codes
    assert ConsultationRequest.objects.filter(starts_at=open_slot.starts_at).count() == 1
    for i, (code, html) in enumerate(results):
        if code != 409:
            continue
        assert "that time was just taken" in html
        # Everything the visitor typed is still filled in.
        assert f'value="Visitor{i}"' in html and f'value="v{i}@example.com"' in html
        assert 'value="Morales"' in html and 'value="(310) 555-0123"' in html
        assert "I would like to discuss my eyelids.</textarea>" in html
        # At least two nearest open times to choose from, and never the one just taken.
        choices = re.findall(r'<input type="radio" name="slot" value="([^"]+)"', html)
        assert len(choices) >= 2, choices
        assert open_slot.value not in choices
        assert f'value="{open_slot.value}"' not in html


def test_the_database_refuses_a_second_active_booking_of_a_slot(office, open_slot, submit):
    from django.db import IntegrityError, transaction

    submit(booking_data(office, open_slot))
    first = ConsultationRequest.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationRequest.objects.create(
            mode=Mode.IN_PERSON,
            office=office,
            clinician=first.clinician,
            starts_at=first.starts_at,
            first_name="Sneaky",
            last_name="Bypass",
            email="s@example.com",
            phone="+13105550100",
            consent_at=first.consent_at,
        )
    # A cancelled booking no longer holds the slot.
    booking.cancel(first)
    assert availability.find_open_slot(Mode.IN_PERSON, office.pk, open_slot.starts_at)


# --- No overlapping bookings ---------------------------------------------------------------


@pytest.fixture
def morning(office):
    """The office's only session: 9:00-12:00 in 45-minute slots, one week from today.

    Returns (day, at) where at(h, m) is that day's UTC instant for a local wall time.
    """
    from django.utils import timezone

    ScheduleRule.objects.filter(office=office).delete()
    ScheduleException.objects.filter(office=office).delete()
    # The demo's holiday closures (relative to today) would close some weeks' day.
    office.hours_exceptions.all().delete()
    day = timezone.localdate() + datetime.timedelta(days=7)
    # Dr. Vale's only session that day: none elsewhere to overlap it.
    ScheduleRule.objects.filter(clinician=demo_clinician(), weekday=day.weekday()).delete()
    ScheduleRule.objects.create(
        clinician=demo_clinician(),
        office=office,
        weekday=day.weekday(),
        start=datetime.time(9),
        end=datetime.time(12),
        slot_minutes=45,
    )

    def at(hour, minute=0):
        return availability.local_to_utc(day, datetime.time(hour, minute), LA)

    return day, at


def _starts(office, day):
    slots = availability.open_slots(Mode.IN_PERSON, office.pk, start=day, days=0).get(day, [])
    return [s.starts_at for s in slots]


def _hold(office, starts_at, minutes=45, status=Status.NEW):
    return ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=demo_clinician(),
        starts_at=starts_at,
        duration_minutes=minutes,
        status=status,
        first_name="Held",
        last_name="Slot",
        email="held@example.com",
        phone="+13105550100",
        consent_at=starts_at,
    )


def _overlapping_extra_session(office, day):
    # Made before validation refused overlaps (objects.create skips clean()).
    return ScheduleException.objects.create(
        clinician=demo_clinician(),
        office=office,
        date=day,
        kind=ScheduleException.Kind.EXTRA,
        start=datetime.time(9, 30),
        end=datetime.time(11),
        slot_minutes=30,
    )


def test_a_booking_removes_every_slot_it_overlaps(office, morning):
    day, at = morning
    _overlapping_extra_session(office, day)
    assert at(9, 30) in _starts(office, day)
    _hold(office, at(9))  # 9:00-9:45
    starts = _starts(office, day)
    assert at(9) not in starts
    assert at(9, 30) not in starts  # starts inside the 9:00 booking
    assert at(9, 45) in starts and at(10) in starts


def test_a_changed_slot_length_offers_no_time_across_a_booking(office, morning):
    day, at = morning
    _hold(office, at(9, 45))  # 9:45-10:30 on the 45-minute grid
    ScheduleRule.objects.filter(office=office).update(slot_minutes=60)
    # 9:00-10:00 and 10:00-11:00 both run into the booking; only 11:00 is free.
    assert _starts(office, day) == [at(11)]
    assert availability.find_open_slot(Mode.IN_PERSON, office.pk, at(10)) is None


def test_booking_a_time_that_overlaps_a_booking_is_refused_as_taken(office, morning, submit):
    day, at = morning
    _overlapping_extra_session(office, day)
    _hold(office, at(9))
    wanted = availability.Slot(at(9, 30), 30)
    response = submit(booking_data(office, None, slot=wanted.value))
    assert response.status_code == 409
    assert "that time was just taken" in response.content.decode()
    assert ConsultationRequest.objects.count() == 1


def test_the_database_refuses_overlapping_active_bookings(office, morning):
    from django.db import IntegrityError, transaction

    require_postgresql("The exclusion constraint")
    _, at = morning
    first = _hold(office, at(9))
    with (
        pytest.raises(IntegrityError, match="no_overlapping_active_bookings"),
        transaction.atomic(),
    ):
        _hold(office, at(9, 30))
    _hold(office, at(9, 45))  # touching is not overlapping
    _hold(office, at(9, 30), status=Status.CANCELLED)  # inactive requests hold nothing
    booking.cancel(first)
    _hold(office, at(9, 15), minutes=30)  # the freed time can be booked again


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_bookings_of_overlapping_slots_make_exactly_one(office, morning):
    require_postgresql("The exclusion constraint")
    day, at = morning
    _overlapping_extra_session(office, day)
    wanted = [at(9), at(9, 30)]  # 9:00-9:45 and 9:30-10:00 overlap
    attempts = 10

    def attempt(i, go):
        go()
        try:
            booking.book(
                mode=Mode.IN_PERSON,
                office=office,
                starts_at=wanted[i % 2],
                procedures=[],
                details={
                    "first_name": f"Visitor{i}",
                    "last_name": "Race",
                    "email": f"v{i}@example.com",
                    "phone": "+13105550100",
                },
                submission_token=uuid.uuid4(),
            )
        except booking.SlotTaken:
            return "taken"
        return "booked"

    outcomes = run_concurrently(attempts, attempt)
    assert sorted(outcomes) == ["booked"] + ["taken"] * (attempts - 1)
    assert ConsultationRequest.objects.filter(starts_at__in=wanted).count() == 1


def test_an_extra_session_must_not_overlap_the_weekly_sessions_or_another(office, morning):
    from django.core.exceptions import ValidationError

    day, _ = morning

    def extra(start, end, **kwargs):
        return ScheduleException(
            clinician=demo_clinician(),
            office=office,
            date=day,
            kind=ScheduleException.Kind.EXTRA,
            start=datetime.time(*start),
            end=datetime.time(*end),
            **kwargs,
        )

    with pytest.raises(ValidationError, match="overlaps the weekly session"):
        extra((11, 30), (13, 0)).full_clean()
    afternoon = extra((13, 0), (15, 0))
    afternoon.full_clean()  # after the weekly session ends: fine
    afternoon.save()
    with pytest.raises(ValidationError, match="overlaps another extra session"):
        extra((14, 0), (16, 0)).full_clean()
    afternoon.full_clean()  # an extra session does not clash with itself when edited
    extra((15, 0), (16, 0)).full_clean()
    # On a closed day the weekly hours are free for extra sessions.
    ScheduleException.objects.create(
        clinician=demo_clinician(), office=office, date=day, kind=ScheduleException.Kind.CLOSED
    )
    extra((10, 0), (12, 0)).full_clean()


def test_an_extra_session_needs_a_start_before_its_end(office, morning):
    from django.core.exceptions import ValidationError

    day, _ = morning
    session = ScheduleException(
        clinician=demo_clinician(), office=office, date=day, kind=ScheduleException.Kind.EXTRA
    )
    with pytest.raises(ValidationError) as missing:
        session.full_clean()
    assert set(missing.value.message_dict) >= {"start", "end"}
    session.start, session.end = datetime.time(16), datetime.time(15)
    with pytest.raises(ValidationError) as backwards:
        session.full_clean()
    assert backwards.value.message_dict["end"] == ["The session must end after it starts."]


# --- Daylight saving ---------------------------------------------------------------------


@pytest.fixture
def night_video_session(seeded, no_demo_bookings):
    """Video sessions every Sunday from midnight to 4 am: across both DST switches."""
    ScheduleRule.objects.filter(mode=Mode.VIDEO).delete()
    ScheduleException.objects.filter(mode=Mode.VIDEO).delete()
    ScheduleRule.objects.create(
        clinician=demo_clinician(),
        mode=Mode.VIDEO,
        weekday=6,
        start=datetime.time(0),
        end=datetime.time(4),
        slot_minutes=60,
    )


def test_spring_forward_day_skips_the_missing_hour(night_video_session):
    day = datetime.date(2027, 3, 14)  # 2 am does not exist in Los Angeles
    now = _utc(2027, 3, 1, 12)
    slots = availability.open_slots(Mode.VIDEO, start=day, days=0, now=now)[day]
    assert [s.starts_at for s in slots] == [
        _utc(2027, 3, 14, 8),  # 00:00 PST
        _utc(2027, 3, 14, 9),  # 01:00 PST
        _utc(2027, 3, 14, 10),  # 03:00 PDT
    ]
    assert [s.local.strftime("%H:%M %Z") for s in slots] == ["00:00 PST", "01:00 PST", "03:00 PDT"]
    # The day before and after keep their usual wall-clock times.
    before = availability.open_slots(Mode.VIDEO, start=datetime.date(2027, 3, 7), days=0, now=now)
    assert [s.local.hour for s in before[datetime.date(2027, 3, 7)]] == [0, 1, 2, 3]


def test_fall_back_day_offers_each_wall_time_once_without_overlap(night_video_session):
    day = datetime.date(2026, 11, 1)  # 1 am happens twice
    now = _utc(2026, 10, 20, 12)
    slots = availability.open_slots(Mode.VIDEO, start=day, days=0, now=now)[day]
    starts = [s.starts_at for s in slots]
    assert starts == [
        _utc(2026, 11, 1, 7),  # 00:00 PDT
        _utc(2026, 11, 1, 8),  # 01:00 PDT (first 1 am)
        _utc(2026, 11, 1, 10),  # 02:00 PST
        _utc(2026, 11, 1, 11),  # 03:00 PST
    ]
    for earlier, later in zip(slots, slots[1:], strict=False):
        assert earlier.starts_at + datetime.timedelta(minutes=earlier.minutes) <= later.starts_at


def test_a_dst_day_slot_can_be_booked_and_then_is_gone(night_video_session):
    now = _utc(2026, 10, 20, 12)
    starts_at = _utc(2026, 11, 1, 10)
    assert availability.find_open_slot(Mode.VIDEO, None, starts_at, now=now)
    ConsultationRequest.objects.create(
        mode=Mode.VIDEO,
        clinician=demo_clinician(),
        starts_at=starts_at,
        first_name="Dee",
        last_name="Ess",
        email="d@example.com",
        phone="+13105550100",
        consent_at=now,
    )
    assert availability.find_open_slot(Mode.VIDEO, None, starts_at, now=now) is None


def test_local_to_utc_handles_gap_and_fold():
    assert availability.local_to_utc(datetime.date(2027, 3, 14), datetime.time(2, 30), LA) is None
    assert availability.local_to_utc(datetime.date(2026, 11, 1), datetime.time(1, 30), LA) == _utc(
        2026, 11, 1, 8, 30
    )


# --- Mail failures never lose a booking ----------------------------------------------------


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down for guest@example.com")


def test_failing_mail_server_keeps_the_booking_and_retries(settings, office, open_slot, submit):
    settings.EMAIL_BACKEND = "tests.consultations.test_guarantees.BrokenBackend"
    response = submit(booking_data(office, open_slot))
    assert response.status_code == 302
    consultation = ConsultationRequest.objects.get()
    assert consultation.status == Status.NEW
    # The reminder is due later; these are the two emails sent at once.
    rows = list(Notification.objects.exclude(kind__in=REMINDER_KINDS))
    assert len(rows) == 2
    for row in rows:
        assert row.state == Notification.State.PENDING
        assert row.attempts == 1
        assert row.last_error == "ConnectionRefusedError"  # no address in the stored error
        assert row.next_attempt_at is not None

    # Retries are not due yet: the sweep sends nothing.
    assert notifications.send_due() == 0
    for _ in range(notifications.MAX_ATTEMPTS - 1):
        Notification.objects.exclude(kind__in=REMINDER_KINDS).update(next_attempt_at=None)
        notifications.send_due()
    assert set(
        Notification.objects.exclude(kind__in=REMINDER_KINDS).values_list("state", flat=True)
    ) == {"failed"}
    assert ConsultationRequest.objects.filter(pk=consultation.pk).exists()

    # Once the server is back, a new pending row goes out through the command.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent_at_once = Notification.objects.exclude(kind__in=REMINDER_KINDS)
    sent_at_once.update(state="pending", attempts=0, next_attempt_at=None)
    mail.outbox.clear()
    call_command("send_pending_notifications", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
    assert set(sent_at_once.values_list("state", flat=True)) == {"sent"}


# --- Calendar file -----------------------------------------------------------------------


def test_ics_parses_with_utc_times_and_a_stable_uid(client, office, open_slot, submit):
    response = submit(booking_data(office, open_slot))
    download = client.get(response["Location"].replace("/confirmation/", "/calendar/"))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/calendar"
    event = Calendar.from_ical(download.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == open_slot.starts_at
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(0)
    assert "Wilshire" in str(event["location"])
    first_uid = str(event["uid"])

    consultation = ConsultationRequest.objects.get()
    later = [
        s for d in availability.open_slots(Mode.IN_PERSON, office.pk, days=21).values() for s in d
    ][3]
    booking.reschedule(consultation, later.starts_at)
    again = Calendar.from_ical(client.get(download.request["PATH_INFO"]).content)
    moved = again.walk("VEVENT")[0]
    assert str(moved["uid"]) == first_uid
    assert moved.decoded("dtstart") == later.starts_at
    assert int(moved["sequence"]) > int(event["sequence"])


# --- Self-service links --------------------------------------------------------------------


@pytest.fixture
def booked(office, open_slot, submit):
    submit(booking_data(office, open_slot))
    consultation = ConsultationRequest.objects.get()
    return consultation, f"/book/manage/{links.make_token(consultation)}/"


def test_opening_the_link_changes_nothing(client, booked):
    consultation, url = booked
    for _ in range(3):  # mail scanners, previews, the visitor
        response = client.get(url)
        assert response.status_code == 200
    html = response.content.decode()
    assert consultation.reference in html
    assert 'name="action" value="cancel"' in html
    consultation.refresh_from_db()
    assert consultation.status == Status.NEW
    assert "no-store" in response["Cache-Control"]


def test_cancel_by_post_frees_the_slot_at_once(client, booked, office, open_slot):
    consultation, url = booked
    assert availability.find_open_slot(Mode.IN_PERSON, office.pk, open_slot.starts_at) is None
    mail.outbox.clear()
    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 302 and response["Location"].endswith("?done=cancelled")
    consultation.refresh_from_db()
    assert consultation.status == Status.CANCELLED
    assert availability.find_open_slot(Mode.IN_PERSON, office.pk, open_slot.starts_at)
    times = client.get(f"/book/times/?mode=in_person&office={office.pk}").content.decode()
    assert f'value="{open_slot.value}"' in times
    assert b"cancelled" in client.get(response["Location"]).content
    # Cancelling twice is refused politely, not a 500.
    assert client.post(url, {"action": "cancel"}).status_code == 409


def test_reschedule_moves_atomically(client, booked, office, open_slot, submit):
    consultation, url = booked
    days = availability.open_slots(Mode.IN_PERSON, office.pk, days=21)
    free = [s for d in days.values() for s in d]
    target, someone_elses = free[0], free[1]
    submit(booking_data(office, someone_elses, email="other@example.com"))

    # Moving onto a taken slot fails and keeps the old booking.
    response = client.post(url, {"action": "reschedule", "slot": someone_elses.value})
    assert response.status_code == 409
    consultation.refresh_from_db()
    assert consultation.starts_at == open_slot.starts_at

    response = client.post(url, {"action": "reschedule", "slot": target.value})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.starts_at == target.starts_at
    assert availability.find_open_slot(Mode.IN_PERSON, office.pk, open_slot.starts_at)


def test_tampered_and_expired_links_get_a_clear_page(client, settings, booked):
    consultation, url = booked
    token = links.make_token(consultation)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for bad in (
        f"/book/manage/{tampered}/",
        "/book/manage/not-a-token/",
        f"/book/confirmation/{tampered}/",
        f"/book/calendar/{tampered}/",
    ):
        response = client.get(bad)
        assert response.status_code == 404, bad
        assert b"This link is not valid" in response.content
    settings.CONSULTATION_LINK_MAX_AGE_DAYS = 0
    import time

    time.sleep(1.1)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "cancel"}).status_code == 404
    consultation.refresh_from_db()
    assert consultation.status == Status.NEW


def test_a_link_for_another_booking_cannot_be_forged(booked):
    consultation, _ = booked
    assert links.read_token(links.make_token(consultation)) == consultation.reference
    assert links.read_token(uuid.uuid4().hex) is None


def _history(consultation):
    from wagtail.log_actions import registry

    return list(registry.get_logs_for_instance(consultation).order_by("timestamp"))


def test_a_visitor_cancel_is_in_the_staff_history_without_personal_data(client, booked, superuser):
    from consultations import staff

    consultation, url = booked
    desk = Client()
    desk.force_login(superuser)
    history_url = f"/admin/consultation_requests/history/{consultation.pk}/"
    assert "Status changed" not in desk.get(history_url).content.decode()
    assert client.post(url, {"action": "cancel"}).status_code == 302
    assert client.post(url, {"action": "cancel"}).status_code == 409  # refused: not logged
    [entry] = _history(consultation)
    assert entry.action == staff.STATUS_CHANGED
    assert entry.user is None
    assert entry.data == {"from": "new", "to": "cancelled", "by": "visitor"}
    assert entry.label == consultation.reference
    # The front desk sees it on the request's history screen.
    history = desk.get(history_url)
    assert history.status_code == 200
    assert "Status changed" in history.content.decode()


def test_a_visitor_reschedule_is_in_the_staff_history(client, booked, office):
    from consultations import staff

    consultation, url = booked
    free = [
        s for d in availability.open_slots(Mode.IN_PERSON, office.pk, days=21).values() for s in d
    ]
    old = consultation.starts_at
    assert client.post(url, {"action": "reschedule", "slot": "garbage"}).status_code == 400
    assert client.post(url, {"action": "reschedule", "slot": free[2].value}).status_code == 302
    [entry] = _history(consultation)
    assert entry.action == staff.RESCHEDULED
    assert entry.user is None
    assert entry.data == {
        "from": old.isoformat(),
        "to": free[2].starts_at.isoformat(),
        "by": "visitor",
    }


def test_a_reschedule_racing_a_cancel_does_not_revive_the_booking(booked, office, open_slot):
    consultation, _ = booked
    stale = ConsultationRequest.objects.get(pk=consultation.pk)  # loaded before the cancel
    booking.cancel(consultation)
    later = [
        s for d in availability.open_slots(Mode.IN_PERSON, office.pk, days=21).values() for s in d
    ][3]
    with pytest.raises(booking.BookingError, match="Only new or confirmed bookings"):
        booking.reschedule(stale, later.starts_at)
    consultation.refresh_from_db()
    assert consultation.status == Status.CANCELLED
    assert consultation.starts_at == open_slot.starts_at
    kinds = set(consultation.notifications.values_list("kind", flat=True))
    assert Notification.Kind.VISITOR_RESCHEDULED not in kinds
    assert Notification.Kind.VISITOR_CANCELLED in kinds
