"""What the tests of the front desk's admin screens share: their addresses, the history
entries an action writes, and a booked request made directly."""

from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultations.models import ConsultationRequest, Mode
from tests.consultations.conftest import demo_clinician

INDEX = "/admin/consultation_requests/"  # the request list
SETTINGS = "/admin/settings/consultations/bookingsettings/"  # the booking rules


def log_entries(consultation, action):
    return ModelLogEntry.objects.filter(object_id=str(consultation.pk), action=action)


def make_request(office, starts_at, **fields):
    return ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=demo_clinician(),
        starts_at=starts_at,
        first_name="Bea",
        last_name="Lopez",
        email="bea@example.com",
        phone="+13105550150",
        consent_at=timezone.now(),
        **fields,
    )
