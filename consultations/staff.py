"""Front-desk actions on consultation requests, each written to Wagtail's audit log.

The admin views stay thin: they call these functions, which reuse the visitor-side rules in
consultations.booking (one place for transitions; the database constraint still guards slots).
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from consultations import booking
from consultations.models import ConsultationNote, ConsultationRequest, Status

VIEWED = "consultations.viewed"
EXPORTED = "consultations.exported"
STATUS_CHANGED = booking.STATUS_CHANGED
RESCHEDULED = booking.RESCHEDULED
NOTE_ADDED = "consultations.note_added"
ANONYMISED = "consultations.anonymised"

NOTE_MAX_LENGTH = ConsultationNote._meta.get_field("text").max_length

# Status changes staff make, with the verb shown on buttons and in the history.
ACTIONS = {
    Status.CONFIRMED: "Confirm",
    Status.CANCELLED: "Cancel",
    Status.COMPLETED: "Mark completed",
    Status.NO_SHOW: "Mark no-show",
}


def allowed_actions(consultation, now=None):
    """The status changes staff may make now, by the booking rules."""
    allowed = booking.allowed_transitions(consultation, now)
    return [status for status in ACTIONS if status in allowed]


def add_note(consultation, user, text):
    text = (text or "").strip()
    if not text:
        return None
    with transaction.atomic():
        note = ConsultationNote.objects.create(request=consultation, author=user, text=text)
        # The note text stays out of the log entry: the log is wider-read than the note.
        log(consultation, NOTE_ADDED, user=user, data={"note_id": note.pk})
    return note


def change_status(consultation, new_status, user, note=""):
    """Apply a status change by the booking rules (logged there), with an optional note."""
    with transaction.atomic():
        booking.change_status(consultation, new_status, user=user)
        add_note(consultation, user, note)
    return consultation


def reschedule(consultation, new_starts_at, user, clinician=None):
    """Move a booking; the front desk may give it to another clinician on the way."""
    return booking.reschedule(consultation, new_starts_at, user=user, clinician=clinician)


def procedure_in_use(procedure):
    """True while any request names the procedure; anonymised requests no longer do."""
    return procedure.requests.exists()


def record_view(consultation, user, screen="detail"):
    """Reading personal data is logged: who opened which request, on which screen."""
    log(consultation, VIEWED, user=user, data={"screen": screen})


def record_export(requests, user, export_format):
    """One log entry per exported request: who saw which requests, and when."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(ConsultationRequest)
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(item.pk),
                label=item.reference,
                action=EXPORTED,
                data={"format": export_format},
                timestamp=now,
                user=user,
            )
            for item in requests
        ],
        batch_size=500,
    )
