"""Reminder emails: when each is due, planning them on the task queue, and the sweep.

A reminder is an outbox row (`Notification`, kind reminder_first / reminder_second) whose
`next_attempt_at` starts as its due time, with a send task deferred to that moment. The
constraint `one_reminder_per_booking_kind_and_time` makes planning idempotent: a booking,
a reschedule, two workers and the cron sweep may all try at once, and one row wins.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from consultations import clock, notifications
from consultations.models import (
    ACTIVE_STATUSES,
    REMINDER_KINDS,
    BookingSettings,
    ConsultationRequest,
    Notification,
)

ONE_PER_KIND = "one_reminder_per_booking_kind_and_time"


def offsets(rules: BookingSettings | None = None) -> dict[str, datetime.timedelta]:
    """How long before the start each reminder kind is due, per the booking rules."""
    rules = rules or BookingSettings.load()
    planned = {Notification.Kind.REMINDER_FIRST.value: rules.first_reminder_hours}
    if rules.second_reminder_hours:
        planned[Notification.Kind.REMINDER_SECOND.value] = rules.second_reminder_hours
    return {kind: datetime.timedelta(hours=hours) for kind, hours in planned.items()}


def due_times(
    consultation: ConsultationRequest, rules: BookingSettings | None = None
) -> dict[str, datetime.datetime]:
    """Each reminder's due instant: the start minus that many elapsed hours (so across a
    daylight-saving change a 24-hour reminder lands an hour earlier or later on the wall clock)."""
    if consultation.starts_at is None:
        return {}
    # In UTC: subtracting from a local time would count wall-clock hours, not elapsed ones.
    starts_at = consultation.starts_at.astimezone(datetime.UTC)
    return {kind: starts_at - offset for kind, offset in offsets(rules).items()}


def wants_reminders(consultation: ConsultationRequest) -> bool:
    return (
        consultation.status in ACTIVE_STATUSES
        and consultation.starts_at is not None
        and not consultation.anonymised
    )


def plan(
    consultation: ConsultationRequest,
    now: datetime.datetime | None = None,
    rules: BookingSettings | None = None,
) -> list[Notification]:
    """Create the reminders this booking still needs, with their deferred send tasks.

    Runs inside the caller's transaction (booking, reschedule, sweep). A reminder whose due
    time has already passed is not planned: the confirmation or new-time email just went out.
    """
    if not wants_reminders(consultation):
        return []
    now = now or clock.now()
    planned = []
    for kind, due in due_times(consultation, rules).items():
        if due <= now:
            continue
        try:
            with transaction.atomic():  # a savepoint: losing the race keeps the outer work
                reminder = Notification.objects.create(
                    request=consultation,
                    kind=kind,
                    for_starts_at=consultation.starts_at,
                    next_attempt_at=due,
                )
                notifications.enqueue_with_transaction(reminder.pk, due)
        except IntegrityError as error:
            if ONE_PER_KIND not in str(error):
                raise
            continue  # planned already, by this booking's own step or a concurrent sweep
        planned.append(reminder)
    return planned


def void(consultation: ConsultationRequest, keep_for: datetime.datetime | None = None) -> int:
    """Drop the booking's unsent reminders (all, or those not about `keep_for`)."""
    pending = Notification.objects.filter(
        request=consultation,
        kind__in=REMINDER_KINDS,
        state=Notification.State.PENDING,
    )
    if keep_for is not None:
        pending = pending.exclude(for_starts_at=keep_for)
    return pending.update(state=Notification.State.VOID, next_attempt_at=None)


def replan(consultation: ConsultationRequest) -> list[Notification]:
    """After a move: the old time's reminders go, the new time's are planned."""
    void(consultation, keep_for=consultation.starts_at)
    return plan(consultation)


def missing(now: datetime.datetime, rules: BookingSettings) -> QuerySet[ConsultationRequest]:
    """Active future bookings lacking a live reminder of some kind that is still to come."""
    lacking: Q | None = None
    for kind, offset in offsets(rules).items():
        live = Notification.objects.filter(
            request=OuterRef("pk"), kind=kind, for_starts_at=OuterRef("starts_at")
        ).exclude(state=Notification.State.VOID)
        clause = ~Exists(live) & Q(starts_at__gt=now + offset)
        lacking = clause if lacking is None else lacking | clause
    candidates = ConsultationRequest.objects.filter(
        status__in=ACTIVE_STATUSES, starts_at__gt=now, anonymised=False
    )
    return candidates.filter(lacking) if lacking is not None else candidates.none()


def plan_missing(now: datetime.datetime | None = None) -> int:
    """The sweep's first half: plan every reminder a booking should have and lacks (a booking
    made before reminders existed, or rules changed since). Safe beside workers and itself."""
    now = now or clock.now()
    rules = BookingSettings.load()
    count = 0
    for consultation in missing(now, rules).order_by("starts_at").iterator():
        with transaction.atomic():
            count += len(plan(consultation, now, rules))
    return count
