"""Booking use cases: book, cancel, reschedule and status changes, each in one transaction.

The status transitions live in TRANSITIONS and nowhere else. The database constraints
`one_active_booking_per_slot` (same start) and, on PostgreSQL, `no_overlapping_active_bookings`
(any overlap) are what make double booking impossible; the checks here only give visitors a
friendly answer first.
"""

import hashlib
import re

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from consultations import availability, notifications, reminders, video
from consultations.models import ConsultationRequest, Mode, Notification, Status, resource_key

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
        super().__init__(gettext("Sorry, that time was just taken. Please choose another."))
        self.alternatives = list(alternatives)


class SlotUnavailable(BookingError):
    def __init__(self):
        super().__init__(gettext("That time is not open for booking. Please choose another."))


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


def _lock_calendar(mode, office_id):
    """Serialise writes to one calendar (an office's, or video's) until the transaction ends.

    Two overlapping inserts checked by an exclusion constraint at the same moment can
    deadlock, and PostgreSQL then aborts one with an error that is not an IntegrityError.
    Taking this lock first makes the second writer wait and then meet the constraint
    cleanly, as "just taken". Bookings of different calendars do not wait for each other.
    """
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(resource_key(mode, office_id).encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, signed=True)])


def policy_version(policy_page):
    """How a consent records the privacy policy: the page and its live revision."""
    if policy_page is None:
        return ""
    return f"page {policy_page.pk} revision {policy_page.live_revision_id}"


def seen_policy_version(submitted, policy_page):
    """The version the form showed, if it names a real revision of the policy page (the
    policy may have been republished while the visitor filled the form); else the live one."""
    found = re.fullmatch(r"page (\d{1,9}) revision (\d{1,9})", submitted or "")
    if (
        policy_page is not None
        and found
        and int(found[1]) == policy_page.pk
        and policy_page.revisions.filter(pk=int(found[2])).exists()
    ):
        return submitted
    return policy_version(policy_page)


def book(*, mode, office, starts_at, procedures, details, submission_token, policy_version=""):
    """Create a consultation request (a booked slot, or a callback when starts_at is None).

    Idempotent per submission_token: a resubmitted form returns the request it already made.
    Raises SlotTaken / SlotUnavailable. Emails are queued in the same transaction.
    """
    existing = _submitted(submission_token)
    if existing:
        return existing
    office_id = office.pk if office else None
    try:
        slot = _open_slot(mode, office_id, starts_at) if starts_at is not None else None
    except SlotTaken:
        # Taken, perhaps by this very form posted a moment earlier (a double click, a retry).
        existing = _submitted(submission_token)
        if existing:
            return existing
        raise
    try:
        with transaction.atomic():
            if slot:
                _lock_calendar(mode, office_id)
            consultation = ConsultationRequest.objects.create(
                mode=mode,
                office=office if mode == Mode.IN_PERSON else None,
                starts_at=slot.starts_at if slot else None,
                duration_minutes=slot.minutes if slot else 45,
                consent_at=timezone.now(),
                privacy_policy_version=policy_version,
                submission_token=submission_token,
                video_join_url=video.new_join_url() if slot and mode == Mode.VIDEO else "",
                **details,
            )
            consultation.procedures.set(procedures)
            notifications.queue(consultation, Notification.Kind.VISITOR_CONFIRMATION)
            notifications.queue(consultation, Notification.Kind.OFFICE_NEW)
            reminders.plan(consultation)
    except IntegrityError as error:
        # The same form submitted twice at the same moment: whichever constraint the second
        # insert met (the slot's or the token's), the first one's booking is the answer.
        existing = _submitted(submission_token)
        if existing:
            return existing
        if _is_slot_clash(error):
            raise SlotTaken(availability.nearest_open_slots(mode, office_id, starts_at)) from None
        raise
    return consultation


def _submitted(submission_token):
    """The request a submission token already made, if any."""
    return ConsultationRequest.objects.filter(submission_token=submission_token).first()


def _open_slot(mode, office_id, starts_at):
    """The open Slot at `starts_at`, or SlotTaken (with alternatives) / SlotUnavailable."""
    slot = availability.find_open_slot(mode, office_id, starts_at)
    if slot is None:
        # On the schedule but not open: a booking holds it or overlaps it.
        if availability.find_open_slot(mode, office_id, starts_at, include_booked=True):
            raise SlotTaken(availability.nearest_open_slots(mode, office_id, starts_at))
        raise SlotUnavailable()
    return slot


# Audit-log actions (registered in wagtail_hooks). Every status change and move is logged in
# its own transaction: by staff (their user) or by the visitor through their link (no user,
# "by": "visitor"). Only statuses and times go in: no personal data.
STATUS_CHANGED = "consultations.status_changed"
RESCHEDULED = "consultations.rescheduled"


def _audit(consultation, action, data, user, by):
    if by:
        data["by"] = by
    log(consultation, action, user=user, data=data)


def change_status(consultation, new_status, *, user=None, by=None, notify=True):
    """Move a request to `new_status` if TRANSITIONS allows it, and log who did."""
    with transaction.atomic():
        locked = ConsultationRequest.objects.select_for_update().get(pk=consultation.pk)
        old_status = locked.status
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
            locked.video_join_url = ""  # the room is void with the booking
        locked.save(update_fields=["status", "calendar_sequence", "video_join_url", "updated_at"])
        if not locked.is_active:
            reminders.void(locked)
        _audit(locked, STATUS_CHANGED, {"from": old_status, "to": str(new_status)}, user, by)
        if notify and new_status == Status.CANCELLED:
            notifications.queue(locked, Notification.Kind.VISITOR_CANCELLED)
    consultation.refresh_from_db()
    return consultation


def cancel(consultation, *, user=None, by=None):
    """Cancel a request; its slot is free again as soon as this commits."""
    return change_status(consultation, Status.CANCELLED, user=user, by=by)


NOT_MOVABLE = "Only new or confirmed bookings can be moved."


def reschedule(consultation, new_starts_at, *, user=None, by=None):
    """Move a booking to another open slot. The old slot is freed only if the new one is taken."""
    if not consultation.is_active:
        raise BookingError(NOT_MOVABLE)
    mode, office_id = consultation.mode, consultation.office_id
    slot = _open_slot(mode, office_id, new_starts_at)
    try:
        with transaction.atomic():
            _lock_calendar(mode, office_id)
            locked = ConsultationRequest.objects.select_for_update().get(pk=consultation.pk)
            # Checked again under the lock: a cancel that committed meanwhile must not come
            # back to life with a "new time" email.
            if not locked.is_active:
                raise BookingError(NOT_MOVABLE)
            old = locked.starts_at
            # One UPDATE moves the booking: the unique constraint checks the new slot.
            locked.starts_at = slot.starts_at
            locked.duration_minutes = slot.minutes
            locked.calendar_sequence += 1
            locked.save(
                update_fields=["starts_at", "duration_minutes", "calendar_sequence", "updated_at"]
            )
            moved = {"from": old.isoformat() if old else None, "to": slot.starts_at.isoformat()}
            _audit(locked, RESCHEDULED, moved, user, by)
            notifications.queue(locked, Notification.Kind.VISITOR_RESCHEDULED)
            # The join link stays (the visitor may have saved it); the reminders follow the time.
            reminders.replan(locked)
    except IntegrityError as error:
        if _is_slot_clash(error):
            raise SlotTaken(
                availability.nearest_open_slots(mode, office_id, new_starts_at)
            ) from None
        raise
    consultation.refresh_from_db()
    return consultation
