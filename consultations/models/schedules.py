"""When consultations run: each clinician's weekly sessions and dated exceptions, at an office
or by video, and the office's holidays. One clinician's sessions never overlap, whatever the
place: the forms refuse it (clean), so their calendar cannot offer one time twice."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from consultations.models.choices import Mode
from offices.hours import WEEKDAYS
from offices.models import HoursException


class ScheduleQuerySet(models.QuerySet):
    def for_resource(self, mode, office_id):
        """The sessions at one place (an office, or video), whoever holds them."""
        if mode == Mode.VIDEO:
            return self.filter(mode=Mode.VIDEO)
        return self.filter(mode=Mode.IN_PERSON, office_id=office_id)


def _clinician_field(related_name):
    return models.ForeignKey(
        "people.Clinician",
        on_delete=models.CASCADE,
        related_name=related_name,
        help_text="Whose session this is.",
    )


def _office_panel():
    # A plain list of the offices the field allows (limit_choices_to: the default language's
    # pages), not the page chooser, whose tree offers every translation as another page.
    return FieldPanel("office", widget=forms.Select)


class ScheduleForm(WagtailAdminModelForm):
    """The admin form of sessions and exceptions: says why an office page outside the list
    (a translation, posted by hand or from an old form) is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].error_messages["invalid_choice"] = (
            "Choose one of the offices listed. A translated office page is the same office: "
            "schedules name its English page."
        )


def _place(mode, office):
    return "Video" if mode == Mode.VIDEO else str(office)


class ScheduleRule(models.Model):
    """A clinician's weekly session: on this weekday, at this place, from start to end, in
    slots of N minutes."""

    clinician = _clinician_field("schedule_rules")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    office = models.ForeignKey(
        "offices.OfficePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedule_rules",
        # Each office once: schedules name the default language's page, not a translation.
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text="Required for in-person sessions; leave empty for video.",
    )
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAYS)))
    start = models.TimeField(help_text="First consultation starts at, e.g. 09:00.")
    end = models.TimeField(help_text="Last consultation ends by, e.g. 12:00.")
    slot_minutes = models.PositiveSmallIntegerField(
        default=45, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )

    objects = ScheduleQuerySet.as_manager()

    base_form_class = ScheduleForm
    panels = [
        FieldPanel("clinician"),
        FieldRowPanel([FieldPanel("mode"), _office_panel()]),
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("slot_minutes"),
    ]

    class Meta:
        ordering = ["clinician", "weekday", "start"]
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
        return (
            f"{self.clinician_name}, {_place(self.mode, self.office)}: "
            f"{WEEKDAYS[self.weekday]} {self.start:%H:%M}–{self.end:%H:%M}"
        )

    @property
    def clinician_name(self):
        return self.clinician.name if self.clinician_id else "No clinician"

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
        if not self.clinician_id:
            return  # the clinician field reports its own error
        # One person, one place at a time: their sessions may not overlap anywhere (another
        # clinician's session at the same office and time is fine).
        overlapping = (
            ScheduleRule.objects.filter(clinician_id=self.clinician_id, weekday=self.weekday)
            .filter(start__lt=self.end, end__gt=self.start)
            .exclude(pk=self.pk)
            .select_related("clinician", "office")
        )
        if overlapping.exists():
            raise ValidationError(
                f"This overlaps another session of {self.clinician_name}: "
                f"{overlapping.first()}. A clinician cannot be in two places at once."
            )


class ScheduleException(models.Model):
    """A dated change to a clinician's sessions at one place: none that day, or an extra one."""

    class Kind(models.TextChoices):
        CLOSED = "closed", "Closed all day"
        EXTRA = "extra", "Extra session"

    clinician = _clinician_field("schedule_exceptions")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    office = models.ForeignKey(
        "offices.OfficePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedule_exceptions",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
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

    base_form_class = ScheduleForm
    panels = [
        FieldPanel("clinician"),
        FieldRowPanel([FieldPanel("mode"), _office_panel()]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("slot_minutes")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["date", "start"]
        verbose_name = "schedule exception"

    def __str__(self):
        who = self.clinician.name if self.clinician_id else "No clinician"
        return (
            f"{who}, {_place(self.mode, self.office)}: "
            f"{self.get_kind_display()} on {self.date:%Y-%m-%d}"
        )

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
        if not self.date or not self.clinician_id:
            return  # those fields report their own errors
        # Overlapping sessions would offer one person's time twice. The clinician's weekly
        # sessions that run that day (not closed at their place, in the schedule or by the
        # office's holidays) and other extra sessions, at any place, must stay clear of it.
        mine = ScheduleException.objects.filter(clinician_id=self.clinician_id, date=self.date)
        closed_places = {
            (e.mode, e.office_id) for e in mine.filter(kind=self.Kind.CLOSED).exclude(pk=self.pk)
        }
        weekly = ScheduleRule.objects.filter(
            clinician_id=self.clinician_id,
            weekday=self.date.weekday(),
            start__lt=self.end,
            end__gt=self.start,
        ).select_related("clinician", "office")
        for rule in weekly:
            closed = (rule.mode, rule.office_id) in closed_places or bool(
                office_closed_days(rule.mode, rule.office_id, self.date, self.date)
            )
            if not closed:
                raise ValidationError(
                    f"This overlaps the weekly session {rule}. "
                    "Choose times outside it, or close the day and add the sessions you need."
                )
        extra = mine.filter(kind=self.Kind.EXTRA, start__lt=self.end, end__gt=self.start).exclude(
            pk=self.pk
        )
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
