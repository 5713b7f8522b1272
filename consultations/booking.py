"""Booking use cases: book, cancel, reschedule and status changes, each in one transaction.

The status transitions live in TRANSITIONS and nowhere else. The database constraints
`one_active_booking_per_slot` (same start) and, on PostgreSQL, `no_overlapping_active_bookings`
(any overlap) are what make double booking impossible; the checks here only give visitors a
friendly answer first.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from consultations import availability, notifications
from consultations.models import ConsultationRequest, Mode, Notification, Status

TRANSITIONS = {
    Status.NEW: {Status.CONFIRMED, Status.CANCELLED},
    Status.CONFIRMED: {Status.CANCELLED, Status.COMPLETED, Status.NO_SHOW},
    Status.CANCELLED: set(),
    Status.COMPLETED: set(),
    Status.NO_SHOW: set(),
}


class BookingError(Exception):
    """A booking rule refused the change; the message is safe to show."""


class SlotTaken(BookingError):
    def __init__(self, alternatives=()):
        super().__init__("Sorry, that time was just taken. Please choose another.")
        self.alternatives = list(alternatives)


class SlotUnavailable(BookingError):
    def __init__(self):
        super().__init__("That time is not open for booking. Please choose another.")


class TransitionNotAllowed(BookingError):
    pass


# Outcomes record what happened, so they wait for the consultation's time. Callbacks have no
# slot: their outcome can be recorded whenever the call took place.
OUTCOMES = {Status.COMPLETED, Status.NO_SHOW}


def outcome_too_early(request_obj, new_status, now=None):
    return (
        Status(new_status) in OUTCOMES
        and request_obj.starts_at is not None
        and request_obj.starts_at > (now or timezone.now())
    )


def allowed_transitions(request_obj, now=None):
    """The statuses `request_obj` may move to now."""
    return {
        status
        for status in TRANSITIONS[Status(request_obj.status)]
        if not outcome_too_early(request_obj, status, now)
    }


SLOT_CONSTRAINTS = ("one_active_booking_per_slot", "no_overlapping_active_bookings")


def _is_slot_clash(error: IntegrityError) -> bool:
    return any(name in str(error) for name in SLOT_CONSTRAINTS)


def book(*, mode, office, starts_at, procedures, details, submission_token, policy_version=""):
    """Create a consultation request (a booked slot, or a callback when starts_at is None).

    Idempotent per submission_token: a resubmitted form returns the request it already made.
    Raises SlotTaken / SlotUnavailable. Emails are queued in the same transaction.
    """
    existing = ConsultationRequest.objects.filter(submission_token=submission_token).first()
    if existing:
        return existing
    office_id = office.pk if office else None
    slot = _open_slot(mode, office_id, starts_at) if starts_at is not None else None
    try:
        with transaction.atomic():
            consultation = ConsultationRequest.objects.create(
                mode=mode,
                office=office if mode == Mode.IN_PERSON else None,
                starts_at=slot.starts_at if slot else None,
                duration_minutes=slot.minutes if slot else 45,
                consent_at=timezone.now(),
                privacy_policy_version=policy_version,
                submission_token=submission_token,
                **details,
            )
            consultation.procedures.set(procedures)
            notifications.queue(consultation, Notification.Kind.VISITOR_CONFIRMATION)
            notifications.queue(consultation, Notification.Kind.OFFICE_NEW)
    except IntegrityError as error:
        if _is_slot_clash(error):
            raise SlotTaken(availability.nearest_open_slots(mode, office_id, starts_at)) from None
        existing = ConsultationRequest.objects.filter(submission_token=submission_token).first()
        if existing:  # the same form submitted twice at the same moment
            return existing
        raise
    return consultation


def _open_slot(mode, office_id, starts_at):
    """The open Slot at `starts_at`, or SlotTaken (with alternatives) / SlotUnavailable."""
    slot = availability.find_open_slot(mode, office_id, starts_at)
    if slot is None:
        # On the schedule but not open: a booking holds it or overlaps it.
        if availability.find_open_slot(mode, office_id, starts_at, include_booked=True):
            raise SlotTaken(availability.nearest_open_slots(mode, office_id, starts_at))
        raise SlotUnavailable()
    return slot


def change_status(consultation, new_status, *, notify=True):
    """Move a request to `new_status` if TRANSITIONS allows it."""
    with transaction.atomic():
        locked = ConsultationRequest.objects.select_for_update().get(pk=consultation.pk)
        new_status = Status(new_status)
        if new_status not in TRANSITIONS[Status(locked.status)]:
            raise TransitionNotAllowed(
                f"A {locked.get_status_display().lower()} request cannot become "
                f"{new_status.label.lower()}."
            )
        if outcome_too_early(locked, new_status):
            raise TransitionNotAllowed(
                f"A consultation can be marked {new_status.label.lower()} only once "
                f"its time has come ({locked.slot_display})."
            )
        locked.status = new_status
        if new_status == Status.CANCELLED:
            locked.calendar_sequence += 1
        locked.save(update_fields=["status", "calendar_sequence", "updated_at"])
        if notify and new_status == Status.CANCELLED:
            notifications.queue(locked, Notification.Kind.VISITOR_CANCELLED)
    consultation.refresh_from_db()
    return consultation


def cancel(consultation):
    """Cancel a request; its slot is free again as soon as this commits."""
    return change_status(consultation, Status.CANCELLED)


NOT_MOVABLE = "Only new or confirmed bookings can be moved."


def reschedule(consultation, new_starts_at):
    """Move a booking to another open slot. The old slot is freed only if the new one is taken."""
    if not consultation.is_active:
        raise BookingError(NOT_MOVABLE)
    mode, office_id = consultation.mode, consultation.office_id
    slot = _open_slot(mode, office_id, new_starts_at)
    try:
        with transaction.atomic():
            locked = ConsultationRequest.objects.select_for_update().get(pk=consultation.pk)
            # Checked again under the lock: a cancel that committed meanwhile must not come
            # back to life with a "new time" email.
            if not locked.is_active:
                raise BookingError(NOT_MOVABLE)
            # One UPDATE moves the booking: the unique constraint checks the new slot.
            locked.starts_at = slot.starts_at
            locked.duration_minutes = slot.minutes
            locked.calendar_sequence += 1
            locked.save(
                update_fields=["starts_at", "duration_minutes", "calendar_sequence", "updated_at"]
            )
            notifications.queue(locked, Notification.Kind.VISITOR_RESCHEDULED)
    except IntegrityError as error:
        if _is_slot_clash(error):
            raise SlotTaken(
                availability.nearest_open_slots(mode, office_id, new_starts_at)
            ) from None
        raise
    consultation.refresh_from_db()
    return consultation


# --- Self-service by the visitor's signed link --------------------------------------------
# Logged like the front desk's own changes (same actions, so the request's history shows them)
# with no user and "by": "visitor". Only statuses and times go in: no personal data.


def _staff_actions():
    from consultations import staff  # staff imports this module

    return staff


def cancel_by_visitor(consultation):
    """The visitor cancels through their link: cancel and log it, in one transaction."""
    staff = _staff_actions()
    with transaction.atomic():
        old_status = ConsultationRequest.objects.select_for_update().get(pk=consultation.pk).status
        cancel(consultation)
        log(
            consultation,
            staff.STATUS_CHANGED,
            user=None,
            data={"from": old_status, "to": str(Status.CANCELLED), "by": "visitor"},
        )
    return consultation


def reschedule_by_visitor(consultation, new_starts_at):
    """The visitor moves their booking through their link: move and log it, in one transaction."""
    staff = _staff_actions()
    with transaction.atomic():
        old = ConsultationRequest.objects.select_for_update().get(pk=consultation.pk).starts_at
        reschedule(consultation, new_starts_at)
        log(
            consultation,
            staff.RESCHEDULED,
            user=None,
            data={
                "from": old.isoformat() if old else None,
                "to": consultation.starts_at.isoformat(),
                "by": "visitor",
            },
        )
    return consultation
