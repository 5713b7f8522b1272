"""Page-cache invalidation: purge what a change affects, after the change has committed.

Purging before the commit would let a request read the new cache version but the old rows
and cache them; on_commit makes the order safe.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from practice import page_cache

# Paths that list or point to every page.
ALWAYS_PURGED = ("/sitemap.xml", "/search/")


def _path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def affected_paths(page):
    """The page, the pages above it (their listings show it) and any paths it declares."""
    paths = {_path(page), *ALWAYS_PURGED}
    paths.update(_path(ancestor) for ancestor in page.get_ancestors().filter(depth__gt=1))
    extra = getattr(page, "cache_purge_paths", None)
    if extra:
        paths.update(extra())
    return {p for p in paths if p}


def purges_whole_site(page):
    # Menu pages appear in every page's header; offices in every page's footer.
    return page.show_in_menus or getattr(page, "shown_on_every_page", False)


def page_changed(sender, instance, **kwargs):
    page = instance.specific
    if purges_whole_site(page):
        transaction.on_commit(page_cache.purge_site)
    else:
        paths = affected_paths(page)
        transaction.on_commit(lambda: page_cache.purge_paths(paths))


def site_changed(*args, **kwargs):
    transaction.on_commit(page_cache.purge_site)


def model_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        return  # pages purge on publish, not on draft saves
    is_setting = issubclass(sender, BaseSiteSetting | BaseGenericSetting)
    if is_setting or sender._meta.label in settings.PAGE_CACHE_SITE_WIDE_MODELS:
        site_changed()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        site_changed()


def connect():
    page_published.connect(page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-unpublished")
    # A move changes URLs under the moved page: rare, so purge everything.
    post_page_move.connect(site_changed, dispatch_uid="pagecache-moved")
    post_delete.connect(page_deleted, dispatch_uid="pagecache-deleted")
    post_save.connect(model_saved, dispatch_uid="pagecache-saved")
    post_delete.connect(model_saved, dispatch_uid="pagecache-model-deleted")
