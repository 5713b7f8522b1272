"""Site-wide Wagtail models: the home page, generic content pages and site settings."""

from django.db import models
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from practice import page_cache, seo
from practice.blocks import ContentStreamBlock, HomeStreamBlock
from practice.navigation import RoutedPageMixin


class HomePage(RoutedPageMixin, Page):
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
    body = StreamField(HomeStreamBlock(), blank=True, help_text="Featured content below the hero.")

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

    def get_context(self, request, *args, **kwargs):
        from offices.models import OfficePage
        from offices.structured_data import organization_jsonld

        context = super().get_context(request, *args, **kwargs)
        offices = (
            OfficePage.objects.live()
            .descendant_of(self)
            .order_by("path")
            .prefetch_related("opening_hours", "hours_exceptions")
        )
        settings = PracticeSettings.for_request(request)
        context["structured_data"] = organization_jsonld(self, offices, settings, request)
        context["latest_articles"] = self.latest_articles()
        return context

    def serve(self, request, *args, **kwargs):
        from blog.models import page_cache_until

        response = super().serve(request, *args, **kwargs)
        # A cached home page must not outlive a latest article that expires.
        latest = getattr(response, "context_data", None) or {}
        expiries = [a.expire_at for a in latest.get("latest_articles", ()) if a.expire_at]
        return page_cache_until(response, min(expiries, default=None))

    def latest_articles(self, count=3):
        """The newest articles for the home page (purged with it when an article publishes)."""
        from blog.models import BlogIndexPage

        blog = BlogIndexPage.objects.live().child_of(self).first()
        return list(blog.articles()[:count]) if blog else []


class ContentPage(RoutedPageMixin, Page):
    """About, privacy policy, procedure pages: a title, an intro and a flexible body."""

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

    def get_meta_description(self):
        return seo.meta_description(self, self.intro)


@register_setting(icon="cog")
class PracticeSettings(BaseSiteSetting):
    select_related = ["default_share_image", "privacy_policy_page", "booking_page"]

    practice_name = models.CharField(max_length=120, default="Practice")
    tagline = models.CharField(max_length=160, blank=True)
    main_phone = PhoneNumberField(
        blank=True, help_text="The practice's main number, for example (310) 555-0100."
    )
    email = models.EmailField(blank=True, help_text="Public contact address shown on the site.")
    instagram_url = models.URLField(blank=True)
    facebook_url = models.URLField(blank=True)
    youtube_url = models.URLField(blank=True)
    tiktok_url = models.URLField(blank=True)
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used for social sharing when a page has no image of its own.",
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer and the consent box on the booking form.",
    )
    booking_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that hosts the consultation booking flow.",
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("practice_name"),
                    FieldPanel("tagline"),
                    FieldPanel("main_phone"),
                    FieldPanel("email"),
                ],
                heading="Practice",
            ),
            ObjectList(
                [
                    FieldPanel("privacy_policy_page"),
                    FieldPanel("booking_page"),
                    FieldPanel("default_share_image"),
                ],
                heading="Pages",
            ),
            ObjectList(
                [
                    FieldPanel("instagram_url"),
                    FieldPanel("facebook_url"),
                    FieldPanel("youtube_url"),
                    FieldPanel("tiktok_url"),
                ],
                heading="Social",
            ),
        ]
    )

    class Meta:
        verbose_name = "practice settings"

    @classmethod
    def for_request(cls, request):
        """The settings every page shows, cached until the site generation changes (saving
        them starts a new one: practice.signals). The admin edits them through for_site,
        which always reads the database."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            instance = page_cache.site_fragment(f"settings:{site.pk}", lambda: cls.for_site(site))
            instance._request = request  # for page_url(), as Wagtail's for_request sets it
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

    @property
    def social_links(self):
        links = [
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
        ]
        return [(name, url) for name, url in links if url]
