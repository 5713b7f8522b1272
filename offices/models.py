"""Office location pages: where patients are seen and consultations are booked."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class OfficeIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = ["offices.OfficePage"]
    max_count = 1

    class Meta:
        verbose_name = "office index page"


class OfficePage(Page):
    address_line_1 = models.CharField("street address", max_length=120)
    address_line_2 = models.CharField(
        "address line 2", max_length=120, blank=True, help_text="Suite, floor or building."
    )
    city = models.CharField(max_length=80)
    region = models.CharField("state", max_length=40, default="CA", help_text="For example CA.")
    postal_code = models.CharField("ZIP code", max_length=20)
    country = models.CharField(
        max_length=2, default="US", help_text="Two-letter country code, for example US."
    )
    phone = PhoneNumberField(help_text="Main office number, for example (310) 555-0142.")
    email = models.EmailField(
        blank=True, help_text="Office inbox; also receives new-booking notifications."
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Between -90 and 90, for example 34.066750.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Between -180 and 180, for example -118.387400.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("address_line_1"),
                FieldPanel("address_line_2"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("city"),
        index.SearchField("address_line_1"),
    ]

    parent_page_types = ["offices.OfficeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "office page"

    @property
    def address_lines(self):
        """The postal address as display lines, in US order."""
        lines = [self.address_line_1, self.address_line_2]
        lines.append(f"{self.city}, {self.region} {self.postal_code}".strip())
        return [line for line in lines if line]
