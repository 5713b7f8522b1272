"""Booking use cases: book, cancel, reschedule and status changes, each in one transaction.

A booked time is a clinician's time. The status transitions live in TRANSITIONS and nowhere
else. The database constraints `one_active_booking_per_slot` (same clinician, same start) and,
on PostgreSQL, `no_overlapping_active_bookings` (same clinician, any overlap, whatever the
place) are what make double booking impossible; the checks here only give visitors a friendly
answer first. "First available" chooses its clinician inside the same guarded transaction.
"""

import datetime
import hashlib
import re

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from wagtail.log_actions import log

from consultations import availability, clock, notifications, reminders, video
from consultations.models import (
    ACTIVE_STATUSES,
    ConsultationRequest,
    Mode,
    Notification,
    Status,
    resource_key,
)
from people.models import Clinician

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


class TooLateToChange(BookingError):
    """A visitor's online move or cancel after the self-service cutoff."""

    def __init__(self):
        hours = cutoff_hours()
        super().__init__(
            ngettext(
                "Your consultation is less than %(hours)d hour away, so it can no longer be "
                "changed online. Please call the office.",
                "Your consultation is less than %(hours)d hours away, so it can no longer be "
                "changed online. Please call the office.",
                hours,
            )
            % {"hours": hours}
        )


def cutoff_hours() -> int:
    return int(getattr(settings, "BOOKING_CHANGE_CUTOFF_HOURS", 24))


def visitor_may_change(consultation, now=None) -> bool:
    """Whether the visitor may still move or cancel online: until BOOKING_CHANGE_CUTOFF_HOURS
    before the start (a callback, with no time, always). Staff are never limited."""
    if consultation.starts_at is None:
        return True
    now = now or clock.now()
    return consultation.starts_at - now >= datetime.timedelta(hours=cutoff_hours())


def _refuse_late_visitor(consultation, by):
    if by == "visitor" and not visitor_may_change(consultation):
        raise TooLateToChange()


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


def _lock_calendars(clinician_ids):
    """Serialise writes to clinicians' calendars until the transaction ends.

    Two overlapping inserts checked by an exclusion constraint at the same moment can
    deadlock, and PostgreSQL then aborts one with an error that is not an IntegrityError.
    Taking this lock first makes the second writer wait and then meet the constraint
    cleanly, as "just taken". "First available" takes the lock of every clinician it may
    choose, always in id order so two such bookings cannot wait for each other in a circle.
    Bookings of different clinicians do not wait for each other.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for clinician_id in sorted(set(clinician_ids)):
            key = resource_key(None, None, clinician_id).encode()
            digest = hashlib.blake2b(key, digest_size=8).digest()
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, signed=True)]
            )


def eligible_clinicians(procedures) -> list[int]:
    """Ids of the active clinicians who consult on all of `procedures`, in profile order."""
    return list(
        Clinician.objects.bookable()
        .consulting_on(procedures)
        .order_by("sort_order", "name", "pk")
        .values_list("pk", flat=True)
    )


def least_booked(open_ids, starts_at):
    """Of the clinicians open at `starts_at`, the one with the fewest active bookings in that
    week (Monday to Sunday, practice time); ties go to the first in profile order."""
    zone = availability.practice_zone()
    day = timezone.localtime(starts_at, zone).date()
    monday = day - datetime.timedelta(days=day.weekday())
    week_start = availability.local_to_utc(monday, datetime.time(0), zone)
    week_end = availability.local_to_utc(
        monday + datetime.timedelta(days=7), datetime.time(0), zone
    )
    counts = dict(
        ConsultationRequest.objects.filter(
            clinician_id__in=open_ids,
            status__in=ACTIVE_STATUSES,
            starts_at__gte=week_start,
            starts_at__lt=week_end,
        )
        .values("clinician_id")
        .annotate(n=Count("pk"))
        .values_list("clinician_id", "n")
    )
    ordered = Clinician.objects.filter(pk__in=open_ids).order_by("sort_order", "name", "pk")
    order = list(ordered.values_list("pk", flat=True))
    return min(order, key=lambda pk: (counts.get(pk, 0), order.index(pk)))


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


def book(
    *,
    mode,
    office,
    starts_at,
    procedures,
    details,
    submission_token,
    policy_version="",
    clinician=None,
):
    """Create a consultation request (a booked slot, or a callback when starts_at is None).

    With a clinician, their time; without, "first available": whichever eligible clinician
    (by the procedures) is open then and has the fewest bookings that week, chosen under the
    calendars' locks so two visitors are never given one clinician at one time.
    Idempotent per submission_token: a resubmitted form returns the request it already made.
    Raises SlotTaken / SlotUnavailable. Emails are queued in the same transaction.
    """
    existing = _submitted(submission_token)
    if existing:
        return existing
    office_id = office.pk if office else None
    candidates = [clinician.pk] if clinician else eligible_clinicians(procedures)
    try:
        open_now = _open_at(mode, office_id, starts_at, candidates) if starts_at else []
    except SlotTaken:
        # Taken, perhaps by this very form posted a moment earlier (a double click, a retry).
        existing = _submitted(submission_token)
        if existing:
            return existing
        raise
    try:
        with transaction.atomic():
            slot, chosen_id = None, clinician.pk if clinician else None
            if starts_at is not None:
                _lock_calendars(cid for cid, _slot in open_now)
                # Under the locks: what is still open now that earlier writers committed.
                still = availability.open_at(
                    mode, office_id, starts_at, clinicians=[cid for cid, _ in open_now]
                )
                if not still:
                    raise _Clash()
                chosen_id = (
                    still[0][0] if clinician else least_booked([cid for cid, _ in still], starts_at)
                )
                slot = dict(still)[chosen_id]
            consultation = ConsultationRequest.objects.create(
                mode=mode,
                office=office if mode == Mode.IN_PERSON else None,
                clinician_id=chosen_id,
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
    except (IntegrityError, _Clash) as error:
        # The same form submitted twice at the same moment: whichever constraint the second
        # insert met (the slot's or the token's), the first one's booking is the answer.
        existing = _submitted(submission_token)
        if existing:
            return existing
        if isinstance(error, _Clash) or _is_slot_clash(error):
            raise SlotTaken(
                availability.nearest_open_slots(mode, office_id, starts_at, clinicians=candidates)
            ) from None
        raise
    return consultation


class _Clash(Exception):
    """Taken between the first look and the lock (rolls the transaction back)."""


def _submitted(submission_token):
    """The request a submission token already made, if any."""
    return ConsultationRequest.objects.filter(submission_token=submission_token).first()


def _open_at(mode, office_id, starts_at, clinicians):
    """[(clinician id, Slot)] open at `starts_at`, or SlotTaken (with alternatives) /
    SlotUnavailable."""
    found = availability.open_at(mode, office_id, starts_at, clinicians=clinicians)
    if not found:
        # On the schedule but not open: a booking holds it or overlaps it.
        scheduled = availability.open_at(
            mode, office_id, starts_at, include_booked=True, clinicians=clinicians
        )
        if scheduled:
            raise SlotTaken(
                availability.nearest_open_slots(mode, office_id, starts_at, clinicians=clinicians)
            )
        raise SlotUnavailable()
    return found


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
    """Cancel a request; its slot is free again as soon as this commits. A visitor may cancel
    online only before the cutoff."""
    _refuse_late_visitor(consultation, by)
    return change_status(consultation, Status.CANCELLED, user=user, by=by)


NOT_MOVABLE = "Only new or confirmed bookings can be moved."


def reschedule(consultation, new_starts_at, *, user=None, by=None, clinician=None):
    """Move a booking to another open slot of its clinician (or of `clinician`, when the front
    desk changes it). The old slot is freed only if the new one is taken. A visitor may move
    online only before the cutoff."""
    if not consultation.is_active:
        raise BookingError(NOT_MOVABLE)
    _refuse_late_visitor(consultation, by)
    mode, office_id = consultation.mode, consultation.office_id
    clinician_id = clinician.pk if clinician else consultation.clinician_id
    if clinician_id is None:
        raise BookingError("Choose the clinician for this booking.")
    slot = _open_at(mode, office_id, new_starts_at, [clinician_id])[0][1]
    try:
        with transaction.atomic():
            _lock_calendars([clinician_id])
            locked = ConsultationRequest.objects.select_for_update().get(pk=consultation.pk)
            # Checked again under the lock: a cancel that committed meanwhile must not come
            # back to life with a "new time" email.
            if not locked.is_active:
                raise BookingError(NOT_MOVABLE)
            old, old_clinician = locked.starts_at, locked.clinician_id
            # One UPDATE moves the booking: the constraints check the new slot.
            locked.starts_at = slot.starts_at
            locked.duration_minutes = slot.minutes
            locked.clinician_id = clinician_id
            locked.calendar_sequence += 1
            locked.save(
                update_fields=[
                    "starts_at",
                    "duration_minutes",
                    "clinician",
                    "resource_key",
                    "calendar_sequence",
                    "updated_at",
                ]
            )
            moved = {"from": old.isoformat() if old else None, "to": slot.starts_at.isoformat()}
            if old_clinician != clinician_id:
                moved["clinician"] = clinician_id
            _audit(locked, RESCHEDULED, moved, user, by)
            notifications.queue(locked, Notification.Kind.VISITOR_RESCHEDULED)
            # The join link stays (the visitor may have saved it); the reminders follow the time.
            reminders.replan(locked)
    except IntegrityError as error:
        if _is_slot_clash(error):
            raise SlotTaken(
                availability.nearest_open_slots(
                    mode, office_id, new_starts_at, clinicians=[clinician_id]
                )
            ) from None
        raise
    consultation.refresh_from_db()
    return consultation
