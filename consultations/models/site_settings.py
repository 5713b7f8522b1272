"""The booking rules editors set in the admin (notice, horizon, video instructions)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


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
