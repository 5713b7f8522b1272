"""Site-wide pages: the home page (which composes the blog and the offices) and generic
content pages. The site settings live in practice.site_settings, below the domain apps."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.models import BLOG_FRAGMENTS, BlogIndexPage
from blog.models.articles import ArticleIds, has_expired_at
from offices.models import OfficePage
from offices.structured_data import organization_jsonld
from practice import seo
from practice.accessibility import AccessibilityStatementPage, BarrierReport
from practice.blocks import ContentStreamBlock, HomeStreamBlock
from practice.caching import (
    CachedPageMixin,
    FragmentVersion,
    cache_until,
    read_cached,
    store_cached,
)
from practice.caching.fragments import FRAGMENT_TIMEOUT
from practice.navigation import RoutedPageMixin
from practice.site_settings import PracticeIdentity, PracticeSettings
from procedures.listing_blocks import ProcedureCardsBlock

__all__ = [
    "AccessibilityStatementPage",
    "BarrierReport",
    "ContentPage",
    "HomePage",
    "PracticeIdentity",
    "PracticeSettings",
]


# The home page's rendered parts (hero, body, JSON-LD): bumped when it is published or saved,
# and by every image, tag or site-wide change.
HOME_FRAGMENTS = FragmentVersion("home")
# Bumped when a content page (about, privacy policy) is published, unpublished, moved or
# deleted: routing keeps content pages under it.
CONTENT_FRAGMENTS = FragmentVersion("content")


class HomeBodyBlock(HomeStreamBlock):
    """The home page's body: the shared home blocks, and the procedures section (a
    procedures block, which the core's blocks cannot name)."""

    procedures = ProcedureCardsBlock()


class HomePage(CachedPageMixin, RoutedPageMixin, Page):
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
    fragment_version = HOME_FRAGMENTS.name

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        settings = PracticeSettings.for_request(request)

        def structured_data():
            offices = (
                OfficePage.objects.live()
                .descendant_of(self)
                .order_by("path")
                .prefetch_related("opening_hours", "hours_exceptions")
            )
            return organization_jsonld(self, offices, settings, request)

        # A callable, its query built in it: the template calls it only when the fragment
        # (per day: the hours in it) is missing.
        context["structured_data"] = structured_data
        context["fragment_key"] = HOME_FRAGMENTS.page_key(self, request, timezone.localdate())
        context["latest_articles"] = self.latest_articles()
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A cached home page must not outlive a latest article that expires.
        context = getattr(response, "context_data", None) or {}
        latest = context.get("latest_articles", ArticleIds())
        return cache_until(response, min(filter(None, latest.expiries), default=None))

    def latest_articles(self, count=3):
        """The ids of the newest articles (ArticleIds, with their expiry times), for the home
        page's cards. Cached under the blog's version (any article or blog index change, tag,
        image or privacy change bumps it) until one of them expires: only a shown article's
        expiry changes which are the newest (a scheduled one going live is a publish)."""

        def build():
            blog = BlogIndexPage.objects.live().child_of(self).first()
            articles = blog.articles().only("id", "expire_at")[:count] if blog else []
            return [(article.pk, article.expire_at) for article in articles]

        key = BLOG_FRAGMENTS.key_for("latest", self.pk, count)
        latest = read_cached(key)
        if latest is None or any(has_expired_at(expiry) for _, expiry in latest):
            latest = build()
            store_cached(key, latest, FRAGMENT_TIMEOUT)
        return ArticleIds([pk for pk, _ in latest], [expiry for _, expiry in latest])


class ContentPage(CachedPageMixin, RoutedPageMixin, Page):
    """About, privacy policy, procedure pages: a title, an intro and a flexible body."""

    fragment_version = CONTENT_FRAGMENTS.name

    intro = models.TextField(
        max_length=500, blank=True, help_text="Short summary shown under the title and in search."
    )
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["practice.HomePage", "practice.ContentPage"]
    subpage_types = ["practice.ContentPage"]

    class Meta:
        verbose_name = "content page"

    @classmethod
    def routing_cache_key(cls, parent, slug):
        """Routing keeps a content page until one is published, unpublished, moved or deleted
        (the content version) or a slug above it changes (the site generation)."""
        return CONTENT_FRAGMENTS.key_for("routed", parent.pk, slug)

    def get_meta_description(self):
        return seo.meta_description(self, self.intro)
