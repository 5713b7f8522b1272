"""Consultation booking data: requests, the procedures list, schedules and the mail outbox."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from offices.hours import WEEKDAYS
from practice.navigation import RoutedPageMixin

# Unambiguous characters only (no 0/O, 1/I/L): codes are read out over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person at an office"
    VIDEO = "video", "By video"


class Status(models.TextChoices):
    NEW = "new", "New"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No-show"


# A slot held by a request in one of these states is taken.
ACTIVE_STATUSES = [Status.NEW, Status.CONFIRMED]


def resource_key(mode, office_id):
    """What a slot belongs to: one office's rooms, or the video calendar."""
    return "video" if mode == Mode.VIDEO else f"office-{office_id}"


class BookingPage(RoutablePageMixin, RoutedPageMixin, Page):
    """Hosts the booking flow (see consultations/views.py) so editors can change its text."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "booking page"

    # Each step of the flow is a route on this page; the work is in consultations/views.py.
    @path("")
    def choose(self, request):
        from consultations import views

        return views.choose(request, self)

    @path("times/")
    def times(self, request):
        from consultations import views

        return views.times(request, self)

    @path("details/")
    def details(self, request):
        from consultations import views

        return views.details(request, self)

    @path("confirmation/<str:token>/")
    def confirmation(self, request, token):
        from consultations import views

        return views.confirmation(request, self, token)

    @path("calendar/<str:token>/")
    def calendar_file(self, request, token):
        from consultations import views

        return views.calendar_file(request, self, token)

    @path("manage/<str:token>/")
    def manage(self, request, token):
        from consultations import views

        return views.manage(request, self, token)


class Procedure(models.Model):
    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(
        max_length=200, blank=True, help_text="One line shown under the name on the booking form."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Untick to hide it from the booking form.")

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


@register_setting(icon="date")
class BookingSettings(BaseGenericSetting):
    min_notice_hours = models.PositiveIntegerField(
        default=settings.CONSULTATION_MIN_NOTICE_HOURS,
        validators=[MaxValueValidator(24 * 30)],
        help_text="Visitors cannot book a time sooner than this many hours from now.",
    )
    horizon_days = models.PositiveIntegerField(
        default=settings.CONSULTATION_HORIZON_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Visitors can book up to this many days ahead.",
    )
    video_instructions = models.TextField(
        blank=True,
        default="We will email you a secure video link on the morning of your consultation. "
        "Please join from a quiet, well-lit room.",
        help_text="Sent to visitors who book a video consultation.",
    )

    panels = [
        FieldRowPanel([FieldPanel("min_notice_hours"), FieldPanel("horizon_days")]),
        FieldPanel("video_instructions"),
    ]

    class Meta:
        verbose_name = "booking rules"


class ScheduleQuerySet(models.QuerySet):
    def for_resource(self, mode, office_id):
        if mode == Mode.VIDEO:
            return self.filter(mode=Mode.VIDEO)
        return self.filter(mode=Mode.IN_PERSON, office_id=office_id)


class ScheduleRule(models.Model):
    """A weekly consultation session: on this weekday, from start to end, in slots of N minutes."""

    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    office = models.ForeignKey(
        "offices.OfficePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedule_rules",
        help_text="Required for in-person sessions; leave empty for video.",
    )
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAYS)))
    start = models.TimeField(help_text="First consultation starts at, e.g. 09:00.")
    end = models.TimeField(help_text="Last consultation ends by, e.g. 12:00.")
    slot_minutes = models.PositiveSmallIntegerField(
        default=45, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )

    objects = ScheduleQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("mode"), FieldPanel("office")]),
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("slot_minutes"),
    ]

    class Meta:
        ordering = ["mode", "office", "weekday", "start"]
        verbose_name = "weekly consultation session"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="schedule_end_after_start"
            ),
            models.CheckConstraint(
                condition=(models.Q(mode="video") & models.Q(office__isnull=True))
                | (models.Q(mode="in_person") & models.Q(office__isnull=False)),
                name="schedule_office_matches_mode",
            ),
        ]

    def __str__(self):
        where = "Video" if self.mode == Mode.VIDEO else str(self.office)
        return f"{where}: {WEEKDAYS[self.weekday]} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The session must end after it starts."
        if self.mode == Mode.IN_PERSON and not self.office_id:
            errors["office"] = "Choose the office for an in-person session."
        if self.mode == Mode.VIDEO and self.office_id:
            errors["office"] = "Video sessions are not tied to an office; leave this empty."
        if errors:
            raise ValidationError(errors)
        overlapping = (
            ScheduleRule.objects.for_resource(self.mode, self.office_id)
            .filter(weekday=self.weekday, start__lt=self.end, end__gt=self.start)
            .exclude(pk=self.pk)
        )
        if overlapping.exists():
            raise ValidationError(f"This overlaps another session: {overlapping.first()}.")


class ScheduleException(models.Model):
    """A dated change: the resource is closed that day, or has an extra session."""

    class Kind(models.TextChoices):
        CLOSED = "closed", "Closed all day"
        EXTRA = "extra", "Extra session"

    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    office = models.ForeignKey(
        "offices.OfficePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedule_exceptions",
        help_text="Required for in-person; leave empty for video.",
    )
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CLOSED)
    start = models.TimeField(null=True, blank=True, help_text="Extra sessions only.")
    end = models.TimeField(null=True, blank=True, help_text="Extra sessions only.")
    slot_minutes = models.PositiveSmallIntegerField(
        default=45, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )
    note = models.CharField(max_length=120, blank=True)

    objects = ScheduleQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("mode"), FieldPanel("office")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("slot_minutes")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["date", "start"]
        verbose_name = "schedule exception"

    def __str__(self):
        where = "Video" if self.mode == Mode.VIDEO else str(self.office)
        return f"{where}: {self.get_kind_display()} on {self.date:%Y-%m-%d}"

    def clean(self):
        if self.mode == Mode.IN_PERSON and not self.office_id:
            raise ValidationError({"office": "Choose the office for an in-person exception."})
        if self.mode == Mode.VIDEO and self.office_id:
            raise ValidationError({"office": "Leave the office empty for video."})
        if self.kind != self.Kind.EXTRA:
            return
        errors = {}
        if not self.start:
            errors["start"] = "An extra session needs a start time."
        if not self.end:
            errors["end"] = "An extra session needs an end time."
        elif self.start and self.end <= self.start:
            errors["end"] = "The session must end after it starts."
        if errors:
            raise ValidationError(errors)
        if not self.date:
            return  # the date field reports its own error
        # Overlapping sessions would offer slots across each other's bookings. A closed day
        # (closed in the schedule, or a holiday on the office page) runs no weekly sessions,
        # so its extra sessions may use those hours.
        same_day = ScheduleException.objects.for_resource(self.mode, self.office_id).filter(
            date=self.date
        )
        closed = same_day.filter(kind=self.Kind.CLOSED).exists() or bool(
            office_closed_days(self.mode, self.office_id, self.date, self.date)
        )
        weekly = ScheduleRule.objects.for_resource(self.mode, self.office_id).filter(
            weekday=self.date.weekday(), start__lt=self.end, end__gt=self.start
        )
        if not closed and weekly.exists():
            raise ValidationError(
                f"This overlaps the weekly session {weekly.first()}. "
                "Choose times outside it, or close the day and add the sessions you need."
            )
        extra = same_day.filter(
            kind=self.Kind.EXTRA, start__lt=self.end, end__gt=self.start
        ).exclude(pk=self.pk)
        if extra.exists():
            other = extra.first()
            raise ValidationError(
                f"This overlaps another extra session that day "
                f"({other.start:%H:%M}–{other.end:%H:%M})."
            )


def office_closed_days(mode, office_id, first_day, last_day):
    """Days in the range the office's page says it is closed (holidays): its weekly
    consultation sessions do not run then, as on a day staff close in the schedule.

    The opening hours and the consultation schedule are separate, but a consultation cannot
    happen behind a locked door; an extra session staff add on such a day still counts.
    """
    if mode != Mode.IN_PERSON or office_id is None:
        return set()
    from offices.models import HoursException

    return set(
        HoursException.objects.filter(
            page_id=office_id, closed=True, date__range=(first_day, last_day)
        ).values_list("date", flat=True)
    )


class ConsultationRequest(models.Model):
    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"

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
    # Derived from mode and office; the unique constraint below works on it.
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
    anonymised = models.BooleanField(default=False, editable=False)
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
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.resource_key = resource_key(self.mode, self.office_id)
        super().save(*args, **kwargs)

    @property
    def is_callback(self):
        return self.starts_at is None

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def where(self):
        return self.office.title if self.mode == Mode.IN_PERSON and self.office else "Video"

    @property
    def slot_display(self):
        """The consultation time in the practice time zone, or that it is a callback."""
        if self.starts_at is None:
            return "Callback request"
        from django.utils import timezone

        return f"{timezone.localtime(self.starts_at):%a %-d %b %Y, %-I:%M %p}"

    @property
    def procedure_names(self):
        return ", ".join(p.name for p in self.procedures.all())


class Notification(models.Model):
    """Outbox row for one email. Created in the booking's transaction, so it cannot be lost."""

    class Kind(models.TextChoices):
        VISITOR_CONFIRMATION = "visitor_confirmation", "Confirmation to visitor"
        OFFICE_NEW = "office_new", "New-booking notice to office"
        VISITOR_CANCELLED = "visitor_cancelled", "Cancellation to visitor"
        VISITOR_RESCHEDULED = "visitor_rescheduled", "New time to visitor"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    request = models.ForeignKey(
        ConsultationRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The exception class only: error texts can echo addresses back.
    last_error = models.CharField(max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.request.reference}: {self.state}"


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
