"""Before/after cases and the patient's consent behind each.

A case is shown only while `BeforeAfterCase.objects.shown()` includes it: published by an
editor, its procedure page live, and consent on file that covers the website, was given, has
not expired and was not withdrawn. That one query is what every page, listing and the photo
view ask; procedures.consent purges and deletes renditions when a case leaves it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from procedures.photos import patient_photo_storage

PHOTO_HELP = "A JPEG or PNG. Location, camera and date data are removed when it is saved."


class TimeUnit(models.TextChoices):
    DAY = "day", "days"
    WEEK = "week", "weeks"
    MONTH = "month", "months"
    YEAR = "year", "years"


class CaseQuerySet(models.QuerySet):
    def with_valid_consent(self, today=None):
        """Cases whose consent covers the website today: a signed form on file, given on or
        before today, not expired (the expiry date is the first day it no longer holds) and
        not withdrawn."""
        today = today or timezone.localdate()
        return self.filter(
            consent_form__isnull=False,
            consent_website=True,
            consent_given_on__lte=today,
            consent_withdrawn_on__isnull=True,
        ).filter(Q(consent_expires_on__isnull=True) | Q(consent_expires_on__gt=today))

    def shown(self, today=None):
        """What visitors may see: published, consent valid, and its procedure page live."""
        return (
            self.with_valid_consent(today)
            .filter(published=True, procedure__live=True)
            .filter(procedure__view_restrictions__isnull=True)
        )


class BeforeAfterCase(index.Indexed, ClusterableModel):
    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="The procedure the photos show.",
    )
    time_after = models.PositiveSmallIntegerField(
        "time since treatment", help_text="How long after treatment the after photos were taken."
    )
    time_after_unit = models.CharField(
        "unit", max_length=10, choices=TimeUnit.choices, default=TimeUnit.MONTH
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional short note, e.g. “Upper lids only”. Never a name or anything that "
        "identifies the patient.",
    )
    published = models.BooleanField(
        default=False,
        help_text="Show the case on the site. It is shown only while the patient's consent "
        "is valid, whatever this says.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in the gallery."
    )
    consent_form = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The signed consent form, in the private “Consent forms” collection. "
        "Without it the case is never shown.",
    )
    consent_website = models.BooleanField(
        "website", default=False, help_text="The patient agreed to the photos on this website."
    )
    consent_social = models.BooleanField(
        "social media", default=False, help_text="The patient agreed to social media use."
    )
    consent_given_on = models.DateField("consent given on", null=True, blank=True)
    consent_expires_on = models.DateField(
        "consent expires on",
        null=True,
        blank=True,
        help_text="The first day the consent no longer holds. Empty if it does not expire.",
    )
    consent_withdrawn_on = models.DateField(
        "consent withdrawn on",
        null=True,
        blank=True,
        help_text="Set when the patient withdraws consent: the case leaves the site at once "
        "and its resized photos are deleted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    panels = [
        FieldPanel("procedure"),
        FieldRowPanel([FieldPanel("time_after"), FieldPanel("time_after_unit")]),
        FieldPanel("note"),
        InlinePanel(
            "photo_pairs",
            label="Photo pair",
            heading="Before and after photos",
            min_num=1,
            help_text="The first pair is the main one; add more for other angles.",
        ),
        MultiFieldPanel([FieldPanel("published"), FieldPanel("sort_order")], heading="Publishing"),
        MultiFieldPanel(
            [
                FieldPanel("consent_form", permission="procedures.manage_consent"),
                FieldRowPanel(
                    [FieldPanel("consent_website"), FieldPanel("consent_social")],
                    permission="procedures.manage_consent",
                ),
                FieldRowPanel(
                    [
                        FieldPanel("consent_given_on"),
                        FieldPanel("consent_expires_on"),
                        FieldPanel("consent_withdrawn_on"),
                    ],
                    permission="procedures.manage_consent",
                ),
            ],
            heading="Patient consent (clinical staff only)",
        ),
    ]
    search_fields = [index.SearchField("note"), index.FilterField("published")]

    class Meta:
        ordering = ["sort_order", "-created_at"]
        verbose_name = "before/after case"
        permissions = [
            ("manage_consent", "Can record patient consent and open consent forms"),
        ]
        constraints = [
            models.CheckConstraint(
                name="case_consent_expires_after_given",
                condition=Q(consent_expires_on__isnull=True)
                | Q(consent_given_on__isnull=True)
                | Q(consent_expires_on__gt=models.F("consent_given_on")),
            )
        ]

    def __str__(self):
        return f"{self.procedure.title}: case {self.pk or 'new'}"

    def clean(self):
        super().clean()
        if (
            self.consent_withdrawn_on
            and self.consent_given_on
            and self.consent_withdrawn_on < self.consent_given_on
        ):
            raise ValidationError(
                {"consent_withdrawn_on": "Consent cannot be withdrawn before it was given."}
            )
        if (
            self.consent_expires_on
            and self.consent_given_on
            and self.consent_expires_on <= self.consent_given_on
        ):
            raise ValidationError(
                {"consent_expires_on": "The expiry must come after the date given."}
            )

    @property
    def time_since_treatment(self):
        """“3 months”, in the active language."""
        count = self.time_after
        phrases = {
            TimeUnit.DAY: ngettext("%(count)s day", "%(count)s days", count),
            TimeUnit.WEEK: ngettext("%(count)s week", "%(count)s weeks", count),
            TimeUnit.MONTH: ngettext("%(count)s month", "%(count)s months", count),
            TimeUnit.YEAR: ngettext("%(count)s year", "%(count)s years", count),
        }
        return phrases[TimeUnit(self.time_after_unit)] % {"count": count}

    def consent_valid(self, today=None):
        return BeforeAfterCase.objects.with_valid_consent(today).filter(pk=self.pk).exists()

    def consent_ends_at(self):
        """When today's consent stops holding (local midnight of the expiry), or None."""
        if self.consent_expires_on is None:
            return None
        midnight = datetime.datetime.combine(self.consent_expires_on, datetime.time())
        return timezone.make_aware(midnight)


class PhotoPair(Orderable):
    case = ParentalKey(BeforeAfterCase, on_delete=models.CASCADE, related_name="photo_pairs")
    angle = models.CharField(
        max_length=40, default="Front", help_text="The view, e.g. “Front”, “Left profile”."
    )
    before_photo = models.ImageField(
        storage=patient_photo_storage, upload_to="originals/", help_text=PHOTO_HELP
    )
    before_alt = models.CharField(
        "before photo alt text",
        max_length=200,
        help_text="Describe what the photo shows for people who cannot see it.",
    )
    after_photo = models.ImageField(
        storage=patient_photo_storage, upload_to="originals/", help_text=PHOTO_HELP
    )
    after_alt = models.CharField(
        "after photo alt text",
        max_length=200,
        help_text="Describe what the photo shows, and what changed.",
    )

    panels = [
        FieldPanel("angle"),
        FieldRowPanel([FieldPanel("before_photo"), FieldPanel("before_alt")]),
        FieldRowPanel([FieldPanel("after_photo"), FieldPanel("after_alt")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "photo pair"
