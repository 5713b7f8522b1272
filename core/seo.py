"""Meta descriptions (the editor's search description, else a summary of the page's own text)
and the fields a page has for search engines beyond its title and description."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160


def summary(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Plain text of `text` (rich text allowed) on one line, cut at a word within `length`."""
    plain = " ".join(strip_tags(text or "").split())
    return Truncator(plain).chars(length)


def meta_description(page, *fallbacks: str) -> str:
    """The page's search description, or the first non-empty fallback, summarised."""
    for text in (page.search_description, *fallbacks):
        if text and summary(text):
            return summary(text)
    return ""


class SearchEngineFields(models.Model):
    """What a page tells search engines beyond its title and description (Promote tab):
    hide it from them, or name another address as its canonical one."""

    seo_noindex = models.BooleanField(
        "hide from search engines",
        default=False,
        help_text="Asks search engines not to list this page (robots noindex) and leaves it "
        "out of the sitemap. Visitors can still open it.",
    )
    seo_canonical = models.URLField(
        "canonical address",
        max_length=500,
        blank=True,
        help_text="Only when this page copies another one: the full address search engines "
        "should list instead. Leave empty to use this page's own address.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("seo_noindex"), FieldPanel("seo_canonical")], heading="Search engines"
        )
    ]

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        # A mixin for Page subclasses: Page's method comes next in their MRO.
        return [] if self.seo_noindex else super().get_sitemap_urls(request)  # type: ignore[misc]
