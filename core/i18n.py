"""The site's languages: which versions of a page exist, for the language switcher, the
hreflang alternates (in the head and in the sitemap) and per-locale purging.

English is the default language and is served unprefixed; Spanish under /es/ (Django's
i18n_patterns). A page's versions are its live translations (Wagtail's translation_key).
"""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page


def default_language():
    return settings.LANGUAGE_CODE


def active_language():
    """The language the current response is in (JSON-LD's inLanguage, <html lang>)."""
    return translation.get_language() or default_language()


def live_versions(page):
    """{language code: page} for the live versions of `page` (itself included), in one query.

    The locale comes joined in, so each version's URL costs no further query.
    """
    if not isinstance(page, Page) or page.pk is None:
        return {}
    query = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "url_path", "depth", "path", "locale__language_code", "translation_key")
    )
    return {version.locale.language_code: version for version in query}


def alternates(page, request):
    """[(hreflang, absolute URL)] for a page with more than one live version, with the
    default language's version as x-default; [] for a page in one language only."""
    versions = live_versions(page)
    if len(versions) < 2:
        return []
    links = []
    for code, _name in settings.LANGUAGES:
        version = versions.get(code)
        url = version.get_full_url(request) if version is not None else None
        if url:
            links.append((code, url))
    default = versions.get(default_language())
    default_url = default.get_full_url(request) if default is not None else None
    if default_url:
        links.append(("x-default", default_url))
    return links


def home_url(language):
    """The home page's address in `language` (/ or /es/), for pages with no translation:
    Wagtail serves the site's home page there in that language."""
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def switcher_links(page, request):
    """[(code, name, URL, current)] for every language: the translation of `page` where it
    has one, else that language's home page."""
    current = active_language()
    versions = live_versions(page)
    links = []
    for code, name in settings.LANGUAGES:
        version = versions.get(code)
        url = version.get_url(request) if version is not None else None
        links.append((code, name, url or home_url(code), code == current))
    return links


def localized_title(page):
    """The title of a default-language page (an office a booking names) in the active
    language: its live translation's title, else its own. No query in the default language.
    """
    if page is None:
        return ""
    language = active_language()
    if language == default_language():
        return page.title
    found = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .values_list("title", flat=True)
        .first()
    )
    return found or page.title


def translated_title(page_field):
    """An expression for `.annotate()`: the title, in the active language, of the live
    version of the page `page_field` names (null when it has none), read in the query itself.
    """
    return Subquery(
        Page.objects.live()
        .filter(
            translation_key=OuterRef(f"{page_field}__translation_key"),
            locale__language_code=active_language(),
        )
        .values("title")[:1]
    )


def default_language_version(page):
    """`page` in the default language (itself when it is; else its live translation, if any)."""
    if active_language() == default_language():
        return page
    found = (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=default_language())
        .first()
    )
    return found or page
