"""The URLs of a page, as the purge module and the frontend cache sink name them."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

# The sitemap lists every page in every language.
SITEMAP_PATH = "/sitemap.xml"


def always_purged(language=None):
    """Paths on every site that list or point to every page in `language` (the default
    language when None): the sitemap, and that language's search (/search/, /es/search/)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return (SITEMAP_PATH, reverse("search"))


def every_language_paths():
    """`always_purged` for every language, for a whole-site purge."""
    return {path for code, _name in settings.LANGUAGES for path in always_purged(code)}


def page_urls(page):
    """The full URLs a page serves: its own and what Wagtail's `get_cached_paths()` lists
    under it (as wagtail.contrib.frontend_cache builds them)."""
    parts = page.get_url_parts()
    if parts is None:
        return set()
    _, root_url, path = parts
    return {root_url + path + cached.lstrip("/") for cached in page.get_cached_paths()}
