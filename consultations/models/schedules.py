"""When consultations run: weekly sessions, dated exceptions, and the office's holidays."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from consultations.models.choices import Mode
from offices.hours import WEEKDAYS
from offices.models import HoursException


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
    return set(
        HoursException.objects.filter(
            page_id=office_id, closed=True, date__range=(first_day, last_day)
        ).values_list("date", flat=True)
    )
