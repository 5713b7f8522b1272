"""Booking emails: outbox rows and their send tasks, written in the booking's transaction.

Emails carry the date, time and place only: never procedures or the visitor's message.
A failing mail server marks the row failed/pending with a retry time; it never touches the
booking itself. Reminders are rows too (planned by consultations.reminders); a reminder
whose booking was cancelled, closed or moved meanwhile is voided here instead of sent.
"""

import datetime
import logging
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import default_task_backend, task
from django_tasks_db.backend import DatabaseBackend

from consultations import clock
from consultations.availability import zone_label
from consultations.ics import build_calendar
from consultations.links import make_token
from consultations.models import (
    ACTIVE_STATUSES,
    BookingPage,
    BookingSettings,
    ConsultationRequest,
    Mode,
    Notification,
)
from core.site_settings import PracticeSettings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Minutes to wait after attempt 1, 2, 3, 4.
BACKOFF_MINUTES = [1, 5, 30, 120]


def queue(consultation: ConsultationRequest, kind: str) -> Notification:
    """Create the outbox row and its send task as part of the surrounding transaction."""
    notification = Notification.objects.create(request=consultation, kind=kind)
    enqueue_with_transaction(notification.pk)
    return notification


def enqueue_with_transaction(
    notification_id: int, run_after: datetime.datetime | None = None
) -> None:
    """Enqueue the send task so that it exists exactly when the transaction commits.

    The database task backend writes its task row in the same transaction as the booking: both
    commit or neither does, and the worker cannot see the task before the booking. Backends
    that run or hand off work at once (the immediate backend in development) wait for the commit.
    """
    if _tasks_live_in_the_database():
        enqueue(notification_id, run_after)
    else:
        transaction.on_commit(lambda: enqueue(notification_id, run_after))


def _tasks_live_in_the_database() -> bool:
    return isinstance(send_notification.get_backend(), DatabaseBackend)


def enqueue(notification_id: int, run_after: datetime.datetime | None = None) -> None:
    if run_after is not None and default_task_backend.supports_defer:
        send_notification.using(run_after=run_after).enqueue(notification_id)
    elif run_after is None:
        send_notification.enqueue(notification_id)
    # Without deferral support the row stays pending for `send_pending_notifications`.


@task()
def send_notification(notification_id: int) -> None:
    deliver(notification_id)


def deliver(notification_id: int) -> None:
    """Send one outbox row; on failure schedule a retry with backoff.

    The row is claimed with a lease (`claimed_until`) in a short transaction, sent outside
    any transaction, then marked sent before the task returns. A worker killed mid-send
    leaves the lease to run out, and the next worker sends the row again
    (`retry_abandoned`) with the same Message-ID: delivered at least once, and repeated at
    most once, recognisably, if the mail server had accepted the lost attempt.
    """
    notification = claim(notification_id)
    if notification is None:
        return
    try:
        message = build_email(notification)
        message.extra_headers["Message-ID"] = notification.message_id
        message.send()
    except Exception as error:  # noqa: BLE001 - any mail failure is retried, never raised
        _record_failure(notification.pk, type(error).__name__)
        return
    Notification.objects.filter(pk=notification.pk, state=Notification.State.PENDING).update(
        state=Notification.State.SENT,
        attempts=F("attempts") + 1,
        sent_at=clock.now(),
        last_error="",
        claimed_until=None,
    )


def lease_duration() -> datetime.timedelta:
    """How long a worker may hold a row it is sending: longer than any send can take (each
    of SMTP's steps may wait EMAIL_TIMEOUT), short enough that a killed worker's email goes
    out within minutes."""
    seconds = settings.EMAIL_SEND_LEASE_SECONDS or max(60, 6 * settings.EMAIL_TIMEOUT)
    return datetime.timedelta(seconds=seconds)


def claim(notification_id: int) -> Notification | None:
    """Lock a pending row nobody holds, lease it to this worker and commit: the row, with
    its Message-ID, or None when it is sent, failed, held by another worker or not due."""
    now = clock.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("request", "request__office", "request__clinician")
            .filter(pk=notification_id, state=Notification.State.PENDING)
            .exclude(claimed_until__gt=now)
            .first()
        )
        if notification is None:  # already sent, failed for good, or being sent elsewhere
            return None
        if notification.is_reminder and not _reminder_still_due(notification):
            return None
        notification.claimed_until = now + lease_duration()
        if not notification.message_id:
            notification.message_id = make_msgid(domain=_message_id_domain())
        notification.save(update_fields=["claimed_until", "message_id"])
    return notification


def _message_id_domain() -> str:
    """The sender's domain: the same for every worker, whatever host it runs on."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def _record_failure(notification_id: int, error_name: str) -> None:
    """Count a failed attempt, release the lease, and schedule the retry (or give up)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, state=Notification.State.PENDING)
            .first()
        )
        if notification is None:
            return
        notification.attempts += 1
        notification.last_error = error_name
        notification.claimed_until = None
        if notification.attempts >= MAX_ATTEMPTS:
            notification.state = Notification.State.FAILED
            notification.next_attempt_at = None
        else:
            wait = BACKOFF_MINUTES[min(notification.attempts, len(BACKOFF_MINUTES)) - 1]
            notification.next_attempt_at = clock.now() + datetime.timedelta(minutes=wait)
        notification.save()
        logger.warning(
            "notification %s attempt %s failed: %s",
            notification.pk,
            notification.attempts,
            notification.last_error,
        )
        if notification.state == Notification.State.PENDING:
            enqueue_with_transaction(notification.pk, notification.next_attempt_at)


# What `last_error` says of an attempt whose worker died before it could say anything.
INTERRUPTED = "Interrupted"


def retry_abandoned(now: datetime.datetime | None = None) -> int:
    """Send again every row whose sender's lease ran out (its worker was killed mid-send):
    counted as a failed attempt (an email that kills its worker every time ends up failed,
    not in a loop), and handed to a new send task at once. Run by each worker
    (`manage.py run_worker`) between batches; safe beside other workers: the conditional
    update lets exactly one of them take each row."""
    now = now or clock.now()
    abandoned = Notification.objects.filter(
        state=Notification.State.PENDING, claimed_until__lte=now
    )
    retried = 0
    for pk in abandoned.values_list("pk", flat=True):
        with transaction.atomic():
            taken = Notification.objects.filter(
                pk=pk, state=Notification.State.PENDING, claimed_until__lte=now
            ).update(claimed_until=None, attempts=F("attempts") + 1, last_error=INTERRUPTED)
            if not taken:
                continue
            notification = Notification.objects.get(pk=pk)
            if notification.attempts >= MAX_ATTEMPTS:
                notification.state = Notification.State.FAILED
                notification.next_attempt_at = None
                notification.save(update_fields=["state", "next_attempt_at"])
                continue
            enqueue_with_transaction(pk)
            retried += 1
    if retried:
        logger.warning("retrying %s email(s) whose worker stopped mid-send", retried)
    return retried


# A reminder that could not go out before the consultation began is failed, for the front
# desk's failed-email filter; the class name is all `last_error` ever holds.
TOO_LATE = "ConsultationStarted"


def _reminder_still_due(notification: Notification) -> bool:
    """Whether a locked reminder row should be sent now; if not, record why and say no."""
    consultation = notification.request
    if (
        consultation.status not in ACTIVE_STATUSES
        or consultation.anonymised
        or consultation.starts_at != notification.for_starts_at
    ):
        notification.state = Notification.State.VOID
        notification.next_attempt_at = None
        notification.save(update_fields=["state", "next_attempt_at"])
        return False
    if consultation.starts_at is not None and consultation.starts_at <= clock.now():
        notification.state = Notification.State.FAILED
        notification.last_error = TOO_LATE
        notification.next_attempt_at = None
        notification.save(update_fields=["state", "last_error", "next_attempt_at"])
        return False
    # Not yet due (a task run early): leave it pending for its own task or the sweep.
    return notification.next_attempt_at is None or notification.next_attempt_at <= clock.now()


def send_due(now: datetime.datetime | None = None) -> int:
    """Send every pending row whose retry time has come (the safety net run by a command)."""
    now = now or clock.now()
    due = Notification.objects.filter(state=Notification.State.PENDING).exclude(
        next_attempt_at__gt=now
    )
    ids = list(due.values_list("pk", flat=True))
    for pk in ids:
        deliver(pk)
    return len(ids)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def email_context(
    consultation: ConsultationRequest, *, with_join_link: bool = False
) -> dict[str, Any]:
    booking_page = booking_page_in(consultation.language)
    token = make_token(consultation)
    base = booking_page.url if booking_page else "/book/"
    practice = PracticeSettings.objects.first()
    return {
        "consultation": consultation,
        "practice_name": practice.practice_name if practice else "The practice",
        "practice_phone": practice.main_phone if practice else "",
        "local_start": timezone.localtime(consultation.starts_at)
        if consultation.starts_at
        else None,
        "zone_name": zone_label(consultation.starts_at),
        "manage_url": _absolute(f"{base}manage/{token}/"),
        "video": consultation.mode == Mode.VIDEO,
        "video_instructions": BookingSettings.load().video_instructions,
        # The join link is a key to the room: only reminders carry it.
        "join_url": consultation.video_join_url if with_join_link else "",
        "office": consultation.office if consultation.mode == Mode.IN_PERSON else None,
        "admin_url": _absolute(admin_path(consultation)),
    }


def booking_page_in(language: str) -> BookingPage | None:
    """The live booking page in `language` (the visitor's manage link), else any."""
    pages = BookingPage.objects.live().order_by("path")
    return pages.filter(locale__language_code=language).first() or pages.first()


def admin_path(consultation: ConsultationRequest) -> str:
    try:
        return reverse("consultation_requests:inspect", args=[consultation.pk])
    except Exception:  # noqa: BLE001 - the staff screens may be switched off
        return "/admin/"


SUBJECTS: dict[str, Any] = {
    Notification.Kind.VISITOR_CONFIRMATION: _("Your consultation request %(ref)s"),
    Notification.Kind.OFFICE_NEW: _("New consultation request %(ref)s"),
    Notification.Kind.VISITOR_CANCELLED: _("Your consultation %(ref)s is cancelled"),
    Notification.Kind.VISITOR_RESCHEDULED: _("Your consultation %(ref)s has a new time"),
    Notification.Kind.REMINDER_FIRST: _("Reminder: your consultation %(ref)s"),
    Notification.Kind.REMINDER_SECOND: _("Reminder: your consultation %(ref)s"),
}

# Reminders of both kinds read the same; the subject and the due time differ.
TEMPLATES: dict[str, str] = {
    Notification.Kind.REMINDER_FIRST: "visitor_reminder",
    Notification.Kind.REMINDER_SECOND: "visitor_reminder",
}


CALENDAR_KINDS = {
    Notification.Kind.VISITOR_CONFIRMATION,
    Notification.Kind.VISITOR_RESCHEDULED,
    Notification.Kind.VISITOR_CANCELLED,
}


def email_language(notification: Notification) -> str:
    """The visitor's emails are in the language they booked in; the front desk's in the
    site's default language."""
    if notification.kind == Notification.Kind.OFFICE_NEW:
        return settings.LANGUAGE_CODE
    return notification.request.language or settings.LANGUAGE_CODE


def build_email(notification: Notification) -> EmailMultiAlternatives:
    """The email for one outbox row, in its reader's language (dates and calendar file too)."""
    with translation.override(email_language(notification)):
        return _build_email(notification)


def _build_email(notification: Notification) -> EmailMultiAlternatives:
    consultation = notification.request
    context = email_context(consultation, with_join_link=notification.is_reminder)
    template = f"consultations/emails/{TEMPLATES.get(notification.kind, notification.kind)}"
    if notification.kind == Notification.Kind.OFFICE_NEW:
        office = consultation.office
        to = [office.email if office and office.email else settings.PRACTICE_NOTIFICATION_EMAIL]
    else:
        to = [consultation.email]
    # The HTML part's <title> is the subject: screen readers announce it when the mail opens.
    context["subject"] = SUBJECTS[notification.kind] % {"ref": consultation.reference}
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    if consultation.starts_at and notification.kind in CALENDAR_KINDS:
        # A calendar invitation update (iTIP): the same UID with a higher SEQUENCE moves or
        # removes the event the first email added.
        method = "CANCEL" if notification.kind == Notification.Kind.VISITOR_CANCELLED else "REQUEST"
        message.attach(
            f"consultation-{consultation.reference}.ics",
            build_calendar(consultation, context["practice_name"], method=method),
            f"text/calendar; method={method}",
        )
    return message
