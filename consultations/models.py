"""Consultation booking: the booking page in the Wagtail tree."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class BookingPage(Page):
    """Hosts the booking flow so editors can change its intro text."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "booking page"
