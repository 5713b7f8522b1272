"""Clinicians: the staff members patients book (surgeons, nurse injectors, physician assistants).

A clinician's calendar is what a booking holds: each has weekly sessions at an office or by
video, and can never be booked twice at one time, whatever the place. A clinician may be
linked to their public author profile; one without a profile is never shown on the site
beyond their name on the booking form.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from consultations.models.procedures import Procedure


class ClinicianQuerySet(models.QuerySet):
    def bookable(self):
        return self.filter(active=True)

    def consulting_on(self, procedures):
        """Those who consult on every one of `procedures` (no procedures listed: on all)."""
        queryset = self
        for procedure in procedures:
            queryset = queryset.filter(
                models.Q(procedures=procedure) | models.Q(procedures__isnull=True)
            )
        return queryset.distinct()


class Clinician(models.Model):
    class Role(models.TextChoices):
        SURGEON = "surgeon", _("Surgeon")
        NURSE_INJECTOR = "nurse_injector", _("Nurse injector")
        PHYSICIAN_ASSISTANT = "physician_assistant", _("Physician assistant")

    name = models.CharField(
        max_length=120,
        help_text="As patients see it on the booking form and in their emails, e.g. Dr. Jane Doe.",
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.SURGEON)
    author = models.OneToOneField(
        "blog.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        verbose_name="public profile",
        help_text="Their author profile (in English), if they have one: its page then offers "
        "“Book with …”. Leave empty for staff without a public profile.",
    )
    procedures = models.ManyToManyField(
        Procedure,
        blank=True,
        related_name="clinicians",
        help_text="The procedures they consult on. Leave empty if they consult on every one.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Order on the booking form; “first available” breaks ties in this order.",
    )
    active = models.BooleanField(
        default=True, help_text="Untick to stop offering them for new bookings."
    )

    objects = ClinicianQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("author"),
        FieldPanel("procedures", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    class Meta:
        ordering = ["sort_order", "name", "pk"]

    def __str__(self):
        return self.name
