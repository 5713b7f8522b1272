"""Site-wide settings every app reads: the practice's name, contacts and key pages.

A core module (below the domain apps, which read these settings, and the home page, which
composes them); the model stays in the `practice` app, imported by practice.models.
"""

from django.db import models
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from practice import navigation
from practice.caching import site_fragment


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
        them starts a new one: practice.caching.purge). The admin edits them through for_site,
        which always reads the database.

        Unlike Wagtail's own, the instance does not remember the request: `page_url` then
        builds links from the page's site alone (no template here uses it).
        """
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = navigation.find_site(request)
            if site is None:
                return super().for_request(request)
            instance = site_fragment(f"settings:{site.pk}", lambda: cls._localized(site))
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

    @classmethod
    def _localized(cls, site):
        """The settings as the active language shows them: the pages they name are replaced
        by their live translations (the Spanish privacy policy on Spanish pages). A copy for
        display only: it is cached per language and never saved."""
        instance = cls.for_site(site)
        for name in ("privacy_policy_page", "booking_page"):
            page = getattr(instance, name)
            if page is not None:
                setattr(instance, name, page.localized)
        return instance

    @property
    def social_links(self):
        links = [
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
        ]
        return [(name, url) for name, url in links if url]
