"""Reminder emails and video join links: when reminders fall due (daylight saving included),
what a reschedule or cancel does to them, exactly once under concurrency, the sweep after a
killed worker, the join link's window, calendar updates and what the emails may contain."""

import datetime
import re
import threading
from email import message_from_bytes
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from icalendar import Calendar

from consultations import availability, booking, clock, links, notifications, reminders, video
from consultations.admin.filters import RequestFilterSet
from consultations.models import (
    BookingSettings,
    ConsultationRequest,
    Mode,
    Notification,
    Procedure,
    Status,
)
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data, demo_clinician

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
FIRST = Notification.Kind.REMINDER_FIRST
SECOND = Notification.Kind.REMINDER_SECOND
JOIN = "https://meet.example.org/room-Secret123"


@pytest.fixture
def frozen(monkeypatch):
    """Stop the booking rules' clock at a moment; returns the setter."""

    def at(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    return at


def make_booking(starts_at, *, mode=Mode.VIDEO, office=None, **extra):
    fields = {
        "first_name": "Ana",
        "last_name": "Morales",
        "email": "ana@example.com",
        "phone": "+13105550123",
        "consent_at": timezone.now(),
        "message": "Worried about my eyelid surgery.",
        "video_join_url": JOIN if mode == Mode.VIDEO else "",
        **extra,
    }
    if starts_at is not None:
        # Two people: a video booking and an office one at the same time are both fine.
        name = "Dr. Adrian Vale" if mode == Mode.VIDEO else "Dr. Celia Ibarra"
        fields.setdefault("clinician", demo_clinician(name))
    consultation = ConsultationRequest.objects.create(
        mode=mode, office=office, starts_at=starts_at, **fields
    )
    consultation.procedures.set(Procedure.objects.all()[:1])
    return consultation


def send_now(consultation, kind):
    """Write one email's outbox row and deliver it, as the worker would."""
    notifications.deliver(Notification.objects.create(request=consultation, kind=kind).pk)


def reminder_rows(consultation, **filters):
    return consultation.notifications.filter(kind__in=[FIRST, SECOND], **filters)


def sent_reminders():
    return [m for m in mail.outbox if m.subject.startswith("Reminder")]


# --- Due times ----------------------------------------------------------------------------


def test_a_booking_plans_a_reminder_24_hours_before(no_demo_bookings, frozen):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    consultation = make_booking(starts)
    [reminder] = reminders.plan(consultation)
    assert reminder.kind == FIRST
    assert reminder.next_attempt_at == datetime.datetime(2026, 12, 9, 10, 0, tzinfo=LA)
    assert reminder.for_starts_at == starts


def test_the_optional_second_reminder_is_planned_when_set(no_demo_bookings, frozen):
    rules = BookingSettings.load()
    rules.second_reminder_hours = 2
    rules.save()
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    due = {r.kind: r.next_attempt_at for r in reminders.plan(make_booking(starts))}
    assert due == {
        FIRST: datetime.datetime(2026, 12, 9, 10, 0, tzinfo=LA),
        SECOND: datetime.datetime(2026, 12, 10, 8, 0, tzinfo=LA),
    }


def test_a_24_hour_reminder_for_the_monday_after_dst_ends_is_due_24_real_hours_before(
    no_demo_bookings, frozen
):
    # Daylight saving ends at 2:00 on Sunday 1 November 2026 in Los Angeles.
    monday = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=LA)
    frozen(datetime.datetime(2026, 10, 28, 12, 0, tzinfo=LA))
    [reminder] = reminders.plan(make_booking(monday))
    assert monday - reminder.next_attempt_at == datetime.timedelta(hours=24)
    assert reminder.next_attempt_at == datetime.datetime(2026, 11, 1, 17, 0, tzinfo=datetime.UTC)
    assert timezone.localtime(reminder.next_attempt_at).hour == 9  # Sunday 9:00 PST


def test_a_reminder_across_the_dst_change_lands_an_hour_later_on_the_wall_clock(
    no_demo_bookings, frozen
):
    sunday = datetime.datetime(2026, 11, 1, 10, 0, tzinfo=LA)  # PST, after the change
    frozen(datetime.datetime(2026, 10, 28, 12, 0, tzinfo=LA))
    [reminder] = reminders.plan(make_booking(sunday))
    due = timezone.localtime(reminder.next_attempt_at)
    assert sunday - reminder.next_attempt_at == datetime.timedelta(hours=24)
    assert (due.date(), due.hour, due.tzname()) == (datetime.date(2026, 10, 31), 11, "PDT")


def test_the_reminder_is_not_sent_before_it_is_due_and_is_sent_once_when_due(
    no_demo_bookings, frozen
):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    consultation = make_booking(starts)
    reminders.plan(consultation)
    frozen(starts - datetime.timedelta(hours=25))
    assert notifications.send_due() == 0
    frozen(starts - datetime.timedelta(hours=23))
    assert notifications.send_due() == 1
    assert notifications.send_due() == 0
    assert len(sent_reminders()) == 1
    assert reminder_rows(consultation).get().state == Notification.State.SENT


def test_a_reminder_task_run_early_sends_nothing_and_keeps_it_pending(video_booking, frozen):
    reminder = reminder_rows(video_booking).get()
    frozen(reminder.next_attempt_at - datetime.timedelta(minutes=5))
    notifications.deliver(reminder.pk)
    assert sent_reminders() == []
    assert reminder_rows(video_booking).get().state == Notification.State.PENDING


def test_a_booking_too_close_to_its_reminder_time_gets_none(no_demo_bookings, frozen):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(hours=20))
    assert reminders.plan(make_booking(starts)) == []


def test_booking_through_the_form_plans_the_reminder_in_the_same_transaction(
    office, open_slot, submit
):
    submit(booking_data(office, open_slot))
    consultation = ConsultationRequest.objects.get()
    reminder = reminder_rows(consultation).get()
    assert reminder.state == Notification.State.PENDING
    assert reminder.next_attempt_at == open_slot.starts_at - datetime.timedelta(hours=24)
    assert mail.outbox and not sent_reminders()  # the confirmation went, the reminder waits


# --- Reschedule, cancel, closed bookings ----------------------------------------------------


@pytest.fixture
def video_booking(no_demo_bookings, frozen):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    consultation = make_booking(starts)
    reminders.plan(consultation)
    return consultation


def test_a_reschedule_voids_the_old_reminder_and_plans_one_for_the_new_time(video_booking):
    new_time = video_booking.starts_at + datetime.timedelta(days=2)
    video_booking.starts_at = new_time
    video_booking.save()
    reminders.replan(video_booking)
    old, new = reminder_rows(video_booking).order_by("pk")
    assert old.state == Notification.State.VOID
    assert new.state == Notification.State.PENDING
    assert new.next_attempt_at == new_time - datetime.timedelta(hours=24)


def test_booking_reschedule_replans_and_keeps_the_join_link(office, submit, frozen):
    vale = demo_clinician()
    days = availability.open_slots(Mode.VIDEO, None, clinicians=[vale.pk], days=21)
    slots = [s for day in days.values() for s in day]
    data = booking_data(None, slots[0], mode=Mode.VIDEO, clinician=str(vale.pk))
    submit(data)
    consultation = ConsultationRequest.objects.get()
    link = consultation.video_join_url
    assert link.startswith("https://meet.jit.si/") and len(link) > len("https://meet.jit.si/") + 20
    booking.reschedule(consultation, slots[5].starts_at)
    consultation.refresh_from_db()
    assert consultation.video_join_url == link
    states = dict(reminder_rows(consultation).values_list("for_starts_at", "state"))
    assert states == {
        slots[0].starts_at: Notification.State.VOID,
        slots[5].starts_at: Notification.State.PENDING,
    }


def test_a_cancel_drops_pending_reminders_and_voids_the_join_link(video_booking):
    booking.cancel(video_booking)
    assert reminder_rows(video_booking).get().state == Notification.State.VOID
    assert video_booking.video_join_url == ""


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.COMPLETED, Status.NO_SHOW])
def test_a_reminder_due_for_a_closed_booking_is_voided_not_sent(video_booking, frozen, status):
    # Closed some way that did not void the reminder (an import, a direct edit): the send
    # step checks again under its lock.
    ConsultationRequest.objects.filter(pk=video_booking.pk).update(status=status)
    frozen(video_booking.starts_at - datetime.timedelta(hours=1))
    notifications.send_due()
    assert sent_reminders() == []
    assert reminder_rows(video_booking).get().state == Notification.State.VOID


def test_moving_back_to_a_time_plans_its_reminder_again(video_booking):
    first_time = video_booking.starts_at
    for starts_at in (first_time + datetime.timedelta(days=1), first_time):
        video_booking.starts_at = starts_at
        video_booking.save()
        reminders.replan(video_booking)
    assert reminder_rows(video_booking, state=Notification.State.PENDING).count() == 1
    assert reminder_rows(video_booking).count() == 3


# --- Exactly once ---------------------------------------------------------------------------


def test_the_database_refuses_a_second_live_reminder_of_one_kind(video_booking):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            request=video_booking,
            kind=FIRST,
            for_starts_at=video_booking.starts_at,
            next_attempt_at=video_booking.starts_at,
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_and_the_sweep_at_once_plan_and_send_each_reminder_once(
    no_demo_bookings, frozen
):
    require_postgresql("The exactly-once test (real concurrent transactions)")
    rules = BookingSettings.load()
    rules.second_reminder_hours = 2
    rules.save()
    starts = timezone.now() + datetime.timedelta(days=3)
    # Short, back-to-back video calls: every reminder is due at the moment frozen below.
    consultations = [
        make_booking(starts + datetime.timedelta(minutes=10 * i), duration_minutes=10)
        for i in range(3)
    ]
    planned_at = frozen(timezone.now())
    racers = 3  # two task workers and the cron sweep
    barrier = threading.Barrier(racers)
    errors = []

    def plan_all(now):
        # Each racer plans every booking inside one transaction, all inserting at once.
        with transaction.atomic():
            barrier.wait(timeout=30)
            for consultation in consultations:
                reminders.plan(consultation, now=now)

    def race(step):
        try:
            step()
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's story
            errors.append(error)
        finally:
            connections.close_all()

    def run(step):
        threads = [threading.Thread(target=race, args=(step,)) for _ in range(racers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    run(lambda: plan_all(planned_at))
    assert errors == []
    for consultation in consultations:
        kinds = sorted(reminder_rows(consultation).values_list("kind", flat=True))
        assert kinds == [FIRST, SECOND]

    # All due at once: workers deliver row by row while the sweep sends whatever is due.
    frozen(starts + datetime.timedelta(minutes=-30))
    ids = list(Notification.objects.filter(kind__in=[FIRST, SECOND]).values_list("pk", flat=True))

    def worker():
        barrier.wait(timeout=30)
        for pk in ids:
            notifications.deliver(pk)

    def sweep():
        barrier.wait(timeout=30)
        call_command("send_pending_notifications", stdout=StringIO())

    steps = iter([worker, worker, sweep])
    run(lambda: next(steps)())
    assert errors == []
    delivered = sorted((m.to[0], m.subject) for m in sent_reminders())
    assert len(delivered) == len(ids) == 6
    assert set(Notification.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        Notification.State.SENT
    }


class Killed(BaseException):
    """What a worker killed mid-send leaves: its lease on the row, never released."""


class KillOnSecondBackend:
    calls = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        KillOnSecondBackend.calls += 1
        if KillOnSecondBackend.calls == 2:
            raise Killed
        mail.outbox.extend(messages)
        return len(messages)


def test_the_sweep_after_a_killed_worker_sends_what_is_missing_and_nothing_twice(
    settings, no_demo_bookings, frozen
):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    first, second = make_booking(starts), make_booking(starts + datetime.timedelta(hours=1))
    ids = [reminders.plan(c)[0].pk for c in (first, second)]
    killed_at = frozen(starts - datetime.timedelta(hours=1))

    settings.EMAIL_BACKEND = "tests.consultations.test_reminders.KillOnSecondBackend"
    KillOnSecondBackend.calls = 0
    notifications.deliver(ids[0])
    with pytest.raises(Killed):
        notifications.deliver(ids[1])  # the worker dies inside the send
    assert len(sent_reminders()) == 1
    stranded = Notification.objects.get(pk=ids[1])
    assert stranded.state == Notification.State.PENDING
    assert stranded.claimed_until > killed_at and stranded.message_id

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # While the dead worker's lease runs, nobody sends its email (it might still be alive).
    call_command("send_pending_notifications", stdout=StringIO())
    assert len(sent_reminders()) == 1
    # Once it has run out, the sweep sends it, with the Message-ID chosen the first time.
    frozen(stranded.claimed_until + datetime.timedelta(seconds=1))
    call_command("send_pending_notifications", stdout=StringIO())
    call_command("send_pending_notifications", stdout=StringIO())
    assert sorted(m.to[0] for m in sent_reminders()) == ["ana@example.com"] * 2
    assert sent_reminders()[-1].extra_headers["Message-ID"] == stranded.message_id
    assert set(Notification.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        Notification.State.SENT
    }


def test_the_sweep_plans_reminders_for_bookings_made_before_reminders_existed(
    no_demo_bookings, frozen
):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    consultation = make_booking(starts)  # no reminder planned
    call_command("send_pending_notifications", stdout=StringIO())
    call_command("send_pending_notifications", stdout=StringIO())
    assert reminder_rows(consultation).get().state == Notification.State.PENDING


# --- Mail down -----------------------------------------------------------------------------


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_reminder_the_mail_server_refuses_is_retried_then_shown_as_failed(
    settings, video_booking, frozen
):
    settings.EMAIL_BACKEND = "tests.consultations.test_reminders.BrokenBackend"
    moment = frozen(video_booking.starts_at - datetime.timedelta(hours=24))
    notifications.send_due()
    reminder = reminder_rows(video_booking).get()
    assert (reminder.state, reminder.attempts) == (Notification.State.PENDING, 1)
    assert reminder.next_attempt_at > moment  # retried later, with backoff

    for _ in range(notifications.MAX_ATTEMPTS - 1):
        moment = frozen(reminder_rows(video_booking).get().next_attempt_at)
        notifications.send_due()
    assert reminder_rows(video_booking).get().state == Notification.State.FAILED
    failed = RequestFilterSet({"emails": "failed"}, ConsultationRequest.objects.all()).qs
    assert list(failed) == [video_booking]


def test_a_reminder_still_unsent_when_the_consultation_starts_is_failed_not_sent_late(
    video_booking, frozen
):
    frozen(video_booking.starts_at + datetime.timedelta(minutes=1))
    notifications.send_due()
    reminder = reminder_rows(video_booking).get()
    assert sent_reminders() == []
    assert (reminder.state, reminder.last_error) == ("failed", notifications.TOO_LATE)


# --- Join link ------------------------------------------------------------------------------


def test_the_join_link_is_visible_only_inside_its_window(video_booking, frozen):
    starts = video_booking.starts_at
    ends = video_booking.ends_at
    for moment, expected in [
        (starts - datetime.timedelta(minutes=31), ""),
        (starts - datetime.timedelta(minutes=30), JOIN),
        (starts + datetime.timedelta(minutes=10), JOIN),
        (ends, ""),
    ]:
        assert video.visible_join_url(video_booking, frozen(moment)) == expected


def test_a_cancelled_booking_never_shows_a_join_link(video_booking, frozen):
    frozen(video_booking.starts_at)
    assert video.visible_join_url(video_booking) == JOIN
    booking.cancel(video_booking)
    assert video.visible_join_url(video_booking) == ""


def test_the_manage_page_shows_the_join_link_only_inside_the_window(client, video_booking, frozen):
    url = f"/book/manage/{links.make_token(video_booking)}/"
    frozen(video_booking.starts_at - datetime.timedelta(hours=2))
    before = client.get(url).content.decode()
    assert JOIN not in before
    assert "The link to join appears here from 9:30 AM" in before
    frozen(video_booking.starts_at - datetime.timedelta(minutes=5))
    inside = client.get(url).content.decode()
    assert f'href="{JOIN}"' in inside


def test_inside_the_window_without_a_link_the_manage_page_says_to_call(
    client, video_booking, frozen
):
    ConsultationRequest.objects.filter(pk=video_booking.pk).update(video_join_url="")
    frozen(video_booking.starts_at - datetime.timedelta(minutes=5))
    html = client.get(f"/book/manage/{links.make_token(video_booking)}/").content.decode()
    assert "not ready yet. Please call us" in html
    assert "appears here from" not in html


def test_the_first_confirmation_never_carries_the_join_link(video_booking):
    send_now(video_booking, Notification.Kind.VISITOR_CONFIRMATION)
    [confirmation] = mail.outbox
    assert JOIN not in confirmation.body
    assert JOIN not in confirmation.alternatives[0].content
    assert JOIN not in confirmation.message().as_string()


def test_the_reminder_carries_the_join_link_and_the_self_service_link(video_booking, frozen):
    frozen(video_booking.starts_at - datetime.timedelta(hours=23))
    notifications.send_due()
    [reminder] = sent_reminders()
    html = reminder.alternatives[0].content
    for part in (reminder.body, html):
        assert JOIN in part
        assert "/book/manage/" in part
        assert "Thursday, December 10, 2026 at 10:00 AM (Pacific time)" in part


def test_the_join_link_is_never_logged(video_booking, frozen, caplog, settings):
    settings.EMAIL_BACKEND = "tests.consultations.test_reminders.BrokenBackend"
    frozen(video_booking.starts_at - datetime.timedelta(hours=23))
    with caplog.at_level("DEBUG"):
        notifications.send_due()
        booking.cancel(video_booking)
    assert caplog.records
    assert "Secret123" not in caplog.text


def test_staff_paste_a_join_link_only_on_video_bookings(video_booking, office):
    in_person = make_booking(video_booking.starts_at, mode=Mode.IN_PERSON, office=office)
    in_person.video_join_url = JOIN
    with pytest.raises(ValidationError):
        in_person.full_clean()
    video_booking.video_join_url = "http://insecure.example.com/room"
    with pytest.raises(ValidationError):
        video_booking.full_clean()


# --- Email content --------------------------------------------------------------------------


HOSTILE = '<script>alert("x")</script>" onmouseover="x\r\nBcc: victim@example.com'


def test_emails_escape_hostile_names_and_carry_no_health_details(no_demo_bookings, frozen):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    consultation = make_booking(starts, first_name=HOSTILE, last_name=HOSTILE)
    reminders.plan(consultation)
    send_now(consultation, Notification.Kind.VISITOR_CONFIRMATION)
    send_now(consultation, Notification.Kind.OFFICE_NEW)
    frozen(starts - datetime.timedelta(hours=23))
    notifications.send_due()
    consultation.status = Status.CANCELLED
    consultation.save()
    send_now(consultation, Notification.Kind.VISITOR_CANCELLED)
    assert len(mail.outbox) == 4
    procedure = consultation.procedures.get().name
    for message in mail.outbox:
        raw = message.message().as_bytes()
        parsed = message_from_bytes(raw)
        assert parsed["Bcc"] is None
        assert "victim" not in str(parsed["To"]) + str(parsed["Subject"])
        assert parsed.get_content_type() in ("multipart/alternative", "multipart/mixed")
        html = message.alternatives[0].content
        assert message.alternatives[0].mimetype == "text/html"
        assert "<script" not in html
        assert 'onmouseover="' not in html
        for part in (message.body, html):
            assert procedure not in part
            assert "eyelid" not in part
        # No external resources: no images, stylesheets or scripts from anywhere.
        assert "<img" not in html and "<link" not in html and "src=" not in html
        assert '<html lang="en">' in html and "<title>" in html


def test_the_in_person_reminder_gives_the_address_and_directions(office, frozen):
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LA)
    frozen(starts - datetime.timedelta(days=5))
    consultation = make_booking(starts, mode=Mode.IN_PERSON, office=office)
    reminders.plan(consultation)
    frozen(starts - datetime.timedelta(hours=23))
    notifications.send_due()
    [reminder] = sent_reminders()
    for part in (reminder.body, reminder.alternatives[0].content):
        assert office.address_line_1 in part
        assert "google.com/maps/dir/" in part
        assert "meet." not in part


# --- Calendar updates -----------------------------------------------------------------------


def _calendar(message):
    [(name, content, mimetype)] = message.attachments
    return Calendar.from_ical(content), mimetype


def test_reschedule_and_cancel_emails_update_the_one_calendar_event(video_booking):
    send_now(video_booking, Notification.Kind.VISITOR_CONFIRMATION)
    first, _ = _calendar(mail.outbox[0])
    event = first.walk("VEVENT")[0]

    new_time = video_booking.starts_at + datetime.timedelta(days=1)
    ConsultationRequest.objects.filter(pk=video_booking.pk).update(
        starts_at=new_time, calendar_sequence=1
    )
    video_booking.refresh_from_db()
    send_now(video_booking, Notification.Kind.VISITOR_RESCHEDULED)
    moved_cal, mimetype = _calendar(mail.outbox[1])
    moved = moved_cal.walk("VEVENT")[0]
    assert str(moved_cal["method"]) == "REQUEST"
    assert "method=REQUEST" in mimetype
    assert str(moved["uid"]) == str(event["uid"])
    assert int(moved["sequence"]) > int(event["sequence"])
    start = moved.decoded("dtstart")
    assert start == new_time
    assert start.utcoffset() == datetime.timedelta(0)  # UTC, shown in the reader's zone
    assert start.astimezone(LA).hour == 10  # the practice's 10:00 AM
    assert JOIN not in moved_cal.to_ical().decode()

    booking.cancel(video_booking)
    send_now(video_booking, Notification.Kind.VISITOR_CANCELLED)
    cancel_cal, _ = _calendar(mail.outbox[-1])
    cancelled = cancel_cal.walk("VEVENT")[0]
    assert str(cancel_cal["method"]) == "CANCEL"
    assert str(cancelled["uid"]) == str(event["uid"])
    assert int(cancelled["sequence"]) > int(moved["sequence"])
    assert str(cancelled["status"]) == "CANCELLED"


# --- Existing bookings ----------------------------------------------------------------------


def test_the_data_migration_gives_waiting_video_bookings_a_link_and_fixes_the_promise(
    no_demo_bookings, office
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "consultations.migrations.0006_join_links_for_existing_video_bookings"
    )
    rules = BookingSettings.load()
    rules.video_instructions = migration.OLD_INSTRUCTIONS
    rules.save()
    starts = timezone.now() + datetime.timedelta(days=3)
    waiting = make_booking(starts, video_join_url="")
    cancelled = make_booking(starts, video_join_url="", status=Status.CANCELLED)
    in_person = make_booking(starts, mode=Mode.IN_PERSON, office=office)

    migration.forwards(apps, None)

    waiting.refresh_from_db()
    assert re.fullmatch(r"https://meet\.jit\.si/[\w-]{22}", waiting.video_join_url)
    assert ConsultationRequest.objects.get(pk=cancelled.pk).video_join_url == ""
    assert ConsultationRequest.objects.get(pk=in_person.pk).video_join_url == ""
    assert "morning" not in BookingSettings.load().video_instructions


def test_anonymising_an_old_video_booking_removes_its_join_link(no_demo_bookings):
    from consultations.retention import purge_expired

    old = make_booking(timezone.now() - datetime.timedelta(days=31 * 26))
    assert purge_expired() == 1
    old.refresh_from_db()
    assert old.anonymised and old.video_join_url == ""
