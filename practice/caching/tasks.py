"""Background work of the frontend cache sink."""

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from practice.caching.urls import always_purged, every_language_paths, page_urls


def site_urls():
    """Every URL the sites serve that a proxy may hold: each live page's, with what its
    `get_cached_paths()` lists, and the sitemap and every language's search of every site."""
    paths = every_language_paths()
    urls = {site.root_url + path for site in Site.objects.all() for path in paths}
    for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
        urls.update(page_urls(page))
    return sorted(urls)


def language_urls(languages):
    """Every URL of the pages in `languages`, with their search pages and the sitemap."""
    paths = {path for language in languages for path in always_purged(language)}
    urls = {site.root_url + path for site in Site.objects.all() for path in paths}
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code__in=languages)
    for page in pages.specific().iterator():
        urls.update(page_urls(page))
    return sorted(urls)


@task()
def purge_site_from_frontend_cache():
    purge_urls_from_cache(site_urls())


@task()
def purge_languages_from_frontend_cache(languages: list[str]):
    purge_urls_from_cache(language_urls(languages))
