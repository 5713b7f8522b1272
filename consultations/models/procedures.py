"""The procedures a visitor can name when booking.

Each is the booking record of a procedure page (procedures.ProcedurePage): the form offers the
procedures whose page is live, in the pages' order and under their titles, so editors keep one
list. The row stays when its page goes, so a booking always keeps what the visitor chose.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel


class Procedure(models.Model):
    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="The name bookings keep. Publishing the linked page updates it to the title.",
    )
    page = models.OneToOneField(
        "procedures.ProcedurePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booking_procedure",
        help_text="The procedure page behind this choice. Offered on the booking form while "
        "that page is live; publishing a procedure page creates or links its entry here.",
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="One line shown under the name on the booking form."
    )
    # Declared here, not on people.Clinician, so the people app depends on no booking model;
    # the front desk edits it on the clinician's screen (consultations.admin.viewsets).
    clinicians = models.ManyToManyField(
        "people.Clinician",
        blank=True,
        related_name="procedures",
        db_table="consultations_clinician_procedures",
        help_text="Who consults on it. A clinician with no procedures consults on every one.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(
        default=True,
        help_text="Untick to hide it from the booking form even while its page is live.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("page"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
