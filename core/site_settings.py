"""Site-wide settings every app reads: the practice's name and tagline in each language
(`PracticeIdentity`, a translatable snippet), and its contacts and key pages
(`PracticeSettings`, Wagtail site settings: the same in every language).

Below the domain apps, which read these settings, and the home page, which composes them.
Their tables kept their old names when they moved here from `practice` (core/migrations).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, TranslatableMixin

# What a site with no name yet shows.
PLACEHOLDER_NAME = "Practice"


class PracticeIdentity(TranslatableMixin, models.Model):
    """The words that name the practice (header, footer, page titles, structured data,
    emails, calendar files): one row per language, translated like any snippet with
    wagtail-localize. Site settings cannot be translated, so they keep only what is the same
    in every language."""

    name = models.CharField(
        max_length=120,
        help_text="The practice's name as visitors read it in the header, the footer, page "
        "titles and emails.",
    )
    tagline = models.CharField(
        max_length=160,
        blank=True,
        help_text="One short line under the name in the footer, e.g. what the practice does "
        "and where.",
    )

    panels = [FieldPanel("name"), FieldPanel("tagline")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "practice name"
        verbose_name_plural = "practice name"
        constraints = [
            # One name per language: the translations of the one row.
            models.UniqueConstraint(fields=["locale"], name="practice_identity_one_per_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # The form does not edit `locale`, so Django skips the constraint: say it here.
        locale_id = self.locale_id or Locale.get_default().pk
        others = type(self).objects.filter(locale_id=locale_id).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                "The practice already has a name in this language: edit that one, or "
                "translate it into another language."
            )

    @classmethod
    def for_language(cls, language):
        """The row in `language`, else the default language's (a language not translated
        yet), else an unsaved placeholder (a new site): one query."""
        default = settings.LANGUAGE_CODE
        rows = {
            row.locale.language_code: row
            for row in cls.objects.filter(
                locale__language_code__in={language, default}
            ).select_related("locale")
        }
        return rows.get(language) or rows.get(default) or cls(name=PLACEHOLDER_NAME)


@register_setting(icon="cog")
class PracticeSettings(BaseSiteSetting):
    select_related = [
        "default_share_image",
        "privacy_policy_page",
        "booking_page",
        "accessibility_statement_page",
    ]

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
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from every page's footer, in the visitor's language.",
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
                    HelpPanel(
                        "The practice's name and tagline are words, so they live under "
                        "Snippets › Practice name, one per language (translate it there)."
                    ),
                    FieldPanel("main_phone"),
                    FieldPanel("email"),
                ],
                heading="Practice",
            ),
            ObjectList(
                [
                    FieldPanel("privacy_policy_page"),
                    FieldPanel("accessibility_statement_page"),
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

    @cached_property
    def identity(self):
        """The practice's name and tagline in the active language (Wagtail's `for_request`
        keeps the settings on the request, so this is read once per request)."""
        return PracticeIdentity.for_language(translation.get_language() or settings.LANGUAGE_CODE)

    @property
    def practice_name(self):
        return self.identity.name

    @property
    def tagline(self):
        return self.identity.tagline

    @property
    def localized_booking_page(self):
        """The booking page in the active language (its live translation, else itself)."""
        return self.booking_page.localized if self.booking_page_id else None

    @property
    def localized_privacy_policy_page(self):
        """The privacy policy in the active language (the Spanish one on Spanish pages)."""
        return self.privacy_policy_page.localized if self.privacy_policy_page_id else None

    @property
    def social_links(self):
        links = [
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
        ]
        return [(name, url) for name, url in links if url]
