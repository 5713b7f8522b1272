"""Where a purge goes: the in-app page cache, and Wagtail's frontend cache backends (a
proxy or CDN in front) when `WAGTAILFRONTENDCACHE` is set, so both forget the same URLs."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from practice.caching import page_cache
from practice.caching.tasks import (
    purge_languages_from_frontend_cache,
    purge_site_from_frontend_cache,
)


def path_of(url):
    return urlsplit(url).path or "/"


def app_cache(purge):
    """The in-app cache: a new site generation, or a new version of each path (which
    retires every host's and query string's entry for it)."""
    if purge.whole_site:
        page_cache.purge_site()
        return
    for language in purge.languages:
        page_cache.purge_language(language)
    page_cache.purge_paths({path_of(url) for url in purge.urls})


def frontend_cache(purge):
    """Wagtail's frontend cache backends, in a background task (Wagtail's own).

    The whole site is purged URL by URL (every live page with what its `get_cached_paths()`
    lists, the sitemap and search on every site), which every backend supports; a task lists
    them so the request that made the change does not wait for it.
    """
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if purge.whole_site:
        purge_site_from_frontend_cache.enqueue()
        return
    if purge.languages:
        purge_languages_from_frontend_cache.enqueue(sorted(purge.languages))
    if purge.urls:
        purge_urls_from_cache(sorted(purge.urls))


SINKS = (app_cache, frontend_cache)


def deliver(purge):
    for sink in SINKS:
        sink(purge)
