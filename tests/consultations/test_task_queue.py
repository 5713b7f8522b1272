"""Booking emails on the production task backend (django-tasks-db): the send task is written in
the booking's transaction, so a booking never exists without its task, nor a task without its
booking, and the worker (`manage.py db_worker`) sends each email once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations import notifications
from consultations.models import REMINDER_KINDS, ConsultationRequest, Notification
from tests.consultations.conftest import booking_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def sends():
    return DBTaskResult.objects.filter(task_path=notifications.send_notification.module_path)


@pytest.fixture
def run_worker(monkeypatch):
    """The real `db_worker --batch`, minus its connection recycling: the test's transaction
    must survive it."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())


def queued_notification_ids():
    ready = sends().filter(status="READY")
    return sorted(int(r.args_kwargs["args"][0]) for r in ready)


def sent_at_once():
    return Notification.objects.exclude(kind__in=REMINDER_KINDS)


def test_booking_writes_its_send_tasks_in_its_own_transaction(
    office, open_slot, submit, run_worker
):
    response = submit(booking_data(office, open_slot))
    assert response.status_code == 302
    notification_ids = sorted(sent_at_once().values_list("pk", flat=True))
    assert len(notification_ids) == 2
    reminder = Notification.objects.get(kind__in=REMINDER_KINDS)
    assert queued_notification_ids() == sorted([*notification_ids, reminder.pk])
    assert mail.outbox == []  # nothing is sent by the web request itself

    run_worker()  # the reminder's task waits for its due time
    assert {m.to[0] for m in mail.outbox} >= {"ana@example.com"}
    assert len(mail.outbox) == 2
    assert set(sent_at_once().values_list("state", flat=True)) == {"sent"}

    run_worker()  # a second run finds nothing left to send
    assert len(mail.outbox) == 2


def test_a_rolled_back_booking_leaves_no_task_behind(office):
    with pytest.raises(RuntimeError), transaction.atomic():
        consultation = ConsultationRequest.objects.create(
            mode="in_person",
            office=office,
            first_name="Lee",
            last_name="Park",
            email="lee@example.com",
            phone="+13105550123",
            consent_at=timezone.now(),
        )
        notifications.queue(consultation, Notification.Kind.VISITOR_CONFIRMATION)
        assert sends().count() == 1  # written inside the transaction...
        raise RuntimeError("the booking fails after queueing")
    assert sends().count() == 0  # ...and gone with it
    assert not Notification.objects.exists()


def reminder_task(reminder):
    [task] = [r for r in sends() if int(r.args_kwargs["args"][0]) == reminder.pk]
    return task


def test_a_booking_defers_its_reminder_task_to_the_due_time(office, open_slot, submit):
    submit(booking_data(office, open_slot))
    reminder = Notification.objects.get(kind__in=REMINDER_KINDS)
    task = reminder_task(reminder)
    assert task.status == "READY"
    assert task.run_after == reminder.next_attempt_at == open_slot.starts_at - timedelta(hours=24)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failed_send_queues_a_deferred_retry(settings, office, open_slot, submit, run_worker):
    submit(booking_data(office, open_slot))
    settings.EMAIL_BACKEND = "tests.consultations.test_task_queue.BrokenBackend"
    run_worker()
    retries = (
        sends()
        .filter(status="READY")
        .exclude(pk=reminder_task(Notification.objects.get(kind__in=REMINDER_KINDS)).pk)
    )
    assert retries.count() == 2
    for retry in retries:
        notification = Notification.objects.get(pk=int(retry.args_kwargs["args"][0]))
        assert notification.state == Notification.State.PENDING
        assert notification.attempts == 1
        assert retry.run_after == notification.next_attempt_at
        assert notification.claimed_until is None  # a failed attempt lets go of its lease


def test_each_email_gets_a_message_id_once_and_keeps_it(office, open_slot, submit, run_worker):
    submit(booking_data(office, open_slot))
    run_worker()
    for notification in sent_at_once():
        assert notification.message_id.startswith("<")
        assert notification.message_id.endswith("@example.com>")
        sent = [m for m in mail.outbox if m.extra_headers["Message-ID"] == notification.message_id]
        assert len(sent) == 1
    assert len({n.message_id for n in sent_at_once()}) == 2


def test_an_abandoned_send_is_handed_to_a_new_task_once_its_lease_runs_out(
    office, open_slot, submit, run_worker
):
    submit(booking_data(office, open_slot))
    notification = sent_at_once().first()
    # A worker took it and died: its lease and Message-ID stay, its task stays RUNNING.
    claimed = notifications.claim(notification.pk)
    sends().filter(args_kwargs__args=[notification.pk]).update(status="RUNNING")
    assert notifications.retry_abandoned() == 0  # the lease still runs
    assert notifications.retry_abandoned(now=claimed.claimed_until) == 1
    assert notifications.retry_abandoned(now=claimed.claimed_until) == 0  # taken once
    notification.refresh_from_db()
    assert notification.attempts == 1 and notification.last_error == notifications.INTERRUPTED

    run_worker()
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    assert notification.message_id == claimed.message_id
    assert [m.extra_headers["Message-ID"] for m in mail.outbox].count(claimed.message_id) == 1


def test_an_email_that_kills_its_worker_every_time_ends_failed(office, open_slot, submit):
    submit(booking_data(office, open_slot))
    notification = sent_at_once().first()
    for _ in range(notifications.MAX_ATTEMPTS):
        claimed = notifications.claim(notification.pk)
        assert claimed is not None
        notifications.retry_abandoned(now=claimed.claimed_until)
    notification.refresh_from_db()
    assert notification.state == Notification.State.FAILED
    assert notification.last_error == notifications.INTERRUPTED
