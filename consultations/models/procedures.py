"""The procedures a visitor can name when booking, kept by the front desk."""

from django.db import models
from wagtail.admin.panels import FieldPanel


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
