"""A consultation request (a booked slot or a callback) and the front desk's notes on it."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from consultations.models.choices import ACTIVE_STATUSES, Mode, Status, resource_key
from consultations.models.procedures import Procedure

# Unambiguous characters only (no 0/O, 1/I/L): codes are read out over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


class HttpsURLField(models.URLField):
    """A URL typed without a scheme is read as https (Django 6's default, chosen now)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class ConsultationRequest(models.Model):
    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    office = models.ForeignKey(
        "offices.OfficePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultation_requests",
    )
    # Whose calendar a booked slot holds. Kept when the booking moves, unless the front desk
    # changes it. A callback request has none.
    clinician = models.ForeignKey(
        "people.Clinician",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    # Derived from the clinician (or, for a callback, mode and office); the unique constraint
    # below and PostgreSQL's exclusion constraint (migration 0004) work on it.
    resource_key = models.CharField(max_length=40, editable=False)
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Empty for callbacks.")
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    preferred_days = models.JSONField(default=list, blank=True)
    preferred_times = models.JSONField(default=list, blank=True)
    procedures = models.ManyToManyField(Procedure, blank=True, related_name="requests")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254)
    phone = PhoneNumberField()
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    message = models.TextField(max_length=2000, blank=True)
    consent_at = models.DateTimeField()
    privacy_policy_version = models.CharField(max_length=80, blank=True)
    marketing_opt_in = models.BooleanField(default=False)
    # One-time token from the form: a resubmitted form finds the request it already made.
    submission_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    # A bearer credential for the video room: shown to the visitor only in the reminder and on
    # the manage page shortly before the start, never logged. Cleared when the booking is
    # cancelled.
    video_join_url = HttpsURLField(
        "video join link",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https"])],
        help_text="Video bookings only. Made from the booking rules' template when booked; "
        "paste another https link to use a different room. The visitor sees it in the reminder "
        "and on their booking page shortly before the start, never in the first confirmation.",
    )
    # The language the visitor booked in: their emails, reminders and calendar files use it,
    # and the front desk sees it (to call back in Spanish).
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        editable=False,
        help_text="The language the visitor booked in; their emails use it.",
    )
    anonymised = models.BooleanField(default=False, editable=False)
    # The site page the visitor started booking from, for "which writing brings patients".
    # First-party only (a page id carried through the booking steps); no cookies.
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The page whose Book link the visitor followed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "consultation request"
        constraints = [
            # The guarantee against double booking: at most one active request per slot.
            models.UniqueConstraint(
                fields=["resource_key", "starts_at"],
                condition=models.Q(status__in=ACTIVE_STATUSES, starts_at__isnull=False),
                name="one_active_booking_per_slot",
            ),
            models.CheckConstraint(
                condition=models.Q(mode="video") | models.Q(office__isnull=False),
                name="in_person_needs_office",
            ),
            # A booked time is a clinician's time: without one, nothing would stop a double
            # booking of that person.
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=True) | models.Q(clinician__isnull=False),
                name="booked_time_names_clinician",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            # The front desk's list at volume: newest first, a week's export by time, and
            # a search by a whole phone number or email address (admin/request_screens.py).
            models.Index(fields=["created_at"], name="consultation_created"),
            models.Index(fields=["starts_at"], name="consultation_starts"),
            models.Index(fields=["phone"], name="consultation_phone"),
            models.Index(Lower("email"), name="consultation_email_lower"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.resource_key = resource_key(self.mode, self.office_id, self.clinician_id)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.video_join_url and self.mode != Mode.VIDEO:
            raise ValidationError({"video_join_url": "Only video consultations have a join link."})

    @property
    def is_callback(self):
        return self.starts_at is None

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def where(self):
        return self.office.title if self.mode == Mode.IN_PERSON and self.office else "Video"

    @property
    def clinician_name(self):
        return self.clinician.name if self.clinician_id else ""

    @property
    def slot_display(self):
        """The consultation time in the practice time zone, or that it is a callback."""
        if self.starts_at is None:
            return "Callback request"
        return f"{timezone.localtime(self.starts_at):%a %-d %b %Y, %-I:%M %p}"

    @property
    def procedure_names(self):
        return ", ".join(p.name for p in self.procedures.all())


class ConsultationNote(models.Model):
    """An internal front-desk note on a request. Never shown to the visitor."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "internal note"

    def __str__(self):
        return f"Note on {self.request_id}"
