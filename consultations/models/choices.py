"""What a booking is made of: the mode (office or video), the status, and the slot it holds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person at an office")
    VIDEO = "video", _("By video")


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("No-show")


# A slot held by a request in one of these states is taken.
ACTIVE_STATUSES = [Status.NEW, Status.CONFIRMED]


def place_key(mode, office_id):
    """Where a consultation happens: one office, or video."""
    return "video" if mode == Mode.VIDEO else f"office-{office_id}"


def resource_key(mode, office_id, clinician_id=None):
    """What a booked slot holds: its clinician's calendar, whatever the place (the database
    constraints compare this key). A callback request, with no clinician, keeps its place."""
    return f"clinician-{clinician_id}" if clinician_id else place_key(mode, office_id)
