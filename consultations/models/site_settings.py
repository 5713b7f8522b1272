"""The booking rules editors set in the admin (notice, horizon, reminders, video visits)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

VIDEO_INSTRUCTIONS = (
    "Your video link comes with your reminder email before the consultation, and appears on "
    "your booking page shortly before the start. Please join from a quiet, well-lit room."
)


def validate_video_link_template(value):
    if value and (not value.startswith("https://") or value.count("{room}") != 1):
        raise ValidationError(
            "Use an https:// address with {room} once, e.g. https://meet.jit.si/{room}."
        )


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
        default=VIDEO_INSTRUCTIONS,
        help_text="Sent to visitors who book a video consultation. Do not promise a time for "
        "the link other than the reminder and the booking page's window below.",
    )
    first_reminder_hours = models.PositiveIntegerField(
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text="Hours before the consultation the reminder email goes out.",
    )
    second_reminder_hours = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text="Optional second reminder, for example 2 hours before. Leave empty for none.",
    )
    video_link_template = models.CharField(
        max_length=200,
        blank=True,
        default="https://meet.jit.si/{room}",
        validators=[validate_video_link_template],
        help_text="The join link made for each video booking; {room} becomes a long random, "
        "unguessable room name. Leave empty to paste each link by hand in the booking screen.",
    )
    video_link_opens_minutes = models.PositiveIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="The visitor's booking page shows the join link from this many minutes "
        "before the start until the end. The reminder email always carries it.",
    )

    travel_minutes = models.PositiveIntegerField(
        default=0,
        validators=[MaxValueValidator(240)],
        help_text="Travel time between two offices on the same day. A clinician's slots this "
        "close to their session at another office are not offered. 0 for none.",
    )

    panels = [
        FieldRowPanel([FieldPanel("min_notice_hours"), FieldPanel("horizon_days")]),
        FieldPanel("travel_minutes"),
        FieldRowPanel([FieldPanel("first_reminder_hours"), FieldPanel("second_reminder_hours")]),
        FieldPanel("video_instructions"),
        FieldRowPanel([FieldPanel("video_link_template"), FieldPanel("video_link_opens_minutes")]),
    ]

    class Meta:
        verbose_name = "booking rules"
