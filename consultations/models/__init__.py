"""Consultation booking data, one module per concern; import the models from here.

- choices: booking modes and statuses, and the slot key a booking holds
- pages: `BookingPage`, whose sub-URLs are the booking flow's steps
- procedures: the procedures list, and which clinicians (people.Clinician) consult on each
- site_settings: `BookingSettings`, the booking rules editors set
- schedules: weekly sessions, dated exceptions and office holidays
- bookings: `ConsultationRequest` and the front desk's `ConsultationNote`
- outbox: `Notification`, one row per email to send (reminders included)
"""

from consultations.models.bookings import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    ConsultationNote,
    ConsultationRequest,
    new_reference,
)
from consultations.models.choices import (
    ACTIVE_STATUSES,
    Mode,
    Status,
    place_key,
    resource_key,
)
from consultations.models.outbox import REMINDER_KINDS, Notification
from consultations.models.pages import BookingPage
from consultations.models.procedures import Procedure
from consultations.models.schedules import (
    ScheduleException,
    ScheduleQuerySet,
    ScheduleRule,
    office_closed_days,
)
from consultations.models.site_settings import BookingSettings

__all__ = [
    "ACTIVE_STATUSES",
    "REFERENCE_ALPHABET",
    "REFERENCE_LENGTH",
    "REMINDER_KINDS",
    "BookingPage",
    "BookingSettings",
    "ConsultationNote",
    "ConsultationRequest",
    "Mode",
    "Notification",
    "Procedure",
    "ScheduleException",
    "ScheduleQuerySet",
    "ScheduleRule",
    "Status",
    "new_reference",
    "office_closed_days",
    "place_key",
    "resource_key",
]
