"""Site-wide pages: the home page (which composes the blog and the offices) and generic
content pages. The site settings live in core.site_settings, below the domain apps."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.models import BlogIndexPage
from core import seo
from core.blocks import ContentStreamBlock, HomeStreamBlock
from offices.models import OfficePage
from practice.accessibility import AccessibilityStatementPage, BarrierReport
from procedures.listing_blocks import ProcedureCardsBlock

__all__ = [
    "AccessibilityStatementPage",
    "BarrierReport",
    "ContentPage",
    "HomePage",
]


class HomeBodyBlock(HomeStreamBlock):
    """The home page's body: the shared home blocks, and the procedures section (a
    procedures block, which the core's blocks cannot name)."""

    procedures = ProcedureCardsBlock()


class HomePage(Page):
    hero_heading = models.CharField(
        max_length=120,
        help_text="The large heading at the top of the home page (the page's only h1).",
    )
    hero_intro = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences under the heading."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Large image beside the heading. Set its alt text in the image library.",
    )
    hero_cta_label = models.CharField(max_length=40, default="Book a consultation")
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the hero button leads. Leave empty for the booking page.",
    )
    body = StreamField(HomeBodyBlock(), blank=True, help_text="Featured content below the hero.")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def offices(self):
        """The live offices under this home page, with their hours (for its JSON-LD)."""
        return (
            OfficePage.objects.live()
            .descendant_of(self)
            .order_by("path")
            .prefetch_related("opening_hours", "hours_exceptions")
        )

    def latest_articles(self, count=3):
        """The newest articles of the blog under this home page, for its cards."""
        blog = BlogIndexPage.objects.live().child_of(self).first()
        return list(blog.articles()[:count]) if blog else []


class ContentPage(seo.SearchEngineFields, Page):
    """About, privacy policy, procedure pages: a title, an intro and a flexible body."""

    intro = models.TextField(
        max_length=500, blank=True, help_text="Short summary shown under the title and in search."
    )
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = Page.promote_panels + seo.SearchEngineFields.panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["practice.HomePage", "practice.ContentPage"]
    subpage_types = ["practice.ContentPage"]

    class Meta:
        verbose_name = "content page"

    def get_meta_description(self):
        return seo.meta_description(self, self.intro)
