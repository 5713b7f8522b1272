"""The booking page: a Wagtail page whose sub-URLs are the steps of the booking flow."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from consultations import flow
from core import seo


class BookingPage(RoutablePageMixin, Page):
    """Hosts the booking flow (consultations/views.py) so editors can change its text."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "booking page"

    def get_meta_description(self):
        return seo.meta_description(
            self, self.intro, "Book a consultation in person or by video at a real open time."
        )

    # Each step of the flow is a route on this page. The views do the work: consultations.flow
    # hands the request to them, so this model does not import them (they import it).
    @path("")
    def choose(self, request):
        return flow.serve_step("choose", request, self)

    @path("times/")
    def times(self, request):
        return flow.serve_step("times", request, self)

    @path("details/")
    def details(self, request):
        return flow.serve_step("details", request, self)

    @path("confirmation/<str:token>/")
    def confirmation(self, request, token):
        return flow.serve_step("confirmation", request, self, token)

    @path("calendar/<str:token>/")
    def calendar_file(self, request, token):
        return flow.serve_step("calendar_file", request, self, token)

    @path("manage/<str:token>/")
    def manage(self, request, token):
        return flow.serve_step("manage", request, self, token)
