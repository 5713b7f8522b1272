"""Page-cache invalidation: purge what a change affects, after the change has committed.

Purging before the commit would let a request read the new cache version but the old rows
and cache them; on_commit makes the order safe.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

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
    # Menu pages appear in every page's header (also the publish that takes one out of the
    # menu: see remember_menu_membership); offices in every page's footer.
    return (
        page.show_in_menus
        or getattr(page, "_was_in_menu", False)
        or getattr(page, "shown_on_every_page", False)
    )


def remember_menu_membership(sender, instance, update_fields=None, **kwargs):
    """Before a full save (a publish), note whether a page leaving the menu was in it."""
    if not isinstance(instance, Page) or instance.pk is None or update_fields is not None:
        return  # new pages and draft saves (which name their fields) are not in the menu yet
    if not instance.show_in_menus:
        instance._was_in_menu = Page.objects.filter(
            pk=instance.pk, live=True, show_in_menus=True
        ).exists()


def index_references_now(instance):
    """Bring Wagtail's reference index up to date for this object at once.

    Wagtail updates it in a background task, so an image edited moments after a publish
    would find no page showing it, and a stale page would stay cached. (The task still runs;
    doing the same work twice is harmless.)
    """
    if ReferenceIndex.is_indexed(type(instance)):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(instance)


def page_changed(sender, instance, **kwargs):
    page = instance.specific
    if page.live:
        index_references_now(page)
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
    # A privacy setting covers the page and everything below it: a cached copy must not
    # outlive it, so restrictions (rare) purge everything.
    site_wide = sender._meta.label in settings.PAGE_CACHE_SITE_WIDE_MODELS
    # Not for fixture loads (raw), which bring their own index rows; not after a delete.
    if (is_setting or site_wide) and kwargs.get("signal") is post_save and not kwargs.get("raw"):
        index_references_now(instance)
    if is_setting or site_wide or sender is PageViewRestriction:
        site_changed()


def pages_showing_image(image):
    """(live pages that show the image, whether anything else (a snippet, settings) does).

    Wagtail's reference index knows every page, inline child and StreamField block that
    points to the image, so an edited image purges only the pages that show it.
    """
    page_type = ContentType.objects.get_for_model(Page)
    references = set(
        ReferenceIndex.get_references_to(image).values_list("base_content_type_id", "object_id")
    )
    page_ids = {int(object_id) for type_id, object_id in references if type_id == page_type.pk}
    elsewhere = any(type_id != page_type.pk for type_id, _ in references)
    return Page.objects.filter(pk__in=page_ids).live().specific(), elsewhere


def image_changed(sender, instance, created=False, **kwargs):
    """A new file, focal point, title or alt text changes the HTML of the pages showing it
    (and replaced renditions leave their old URLs dead)."""
    if created:
        return  # nothing shows an image that has only just been uploaded
    pages, elsewhere = pages_showing_image(instance)
    if elsewhere or any(purges_whole_site(page) for page in pages):
        site_changed()
        return
    paths = set().union(*(affected_paths(page) for page in pages)) if pages else set()
    if paths:
        transaction.on_commit(lambda: page_cache.purge_paths(paths))


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        site_changed()


def tag_changed(sender, instance, created=False, **kwargs):
    """A renamed or deleted tag shows on every article and listing that carries it: purge all.
    (A new tag shows nowhere until an article with it publishes, which purges its own paths.)"""
    if not created:
        site_changed()


def connect():
    page_published.connect(page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-unpublished")
    # A move changes URLs under the moved page: rare, so purge everything.
    post_page_move.connect(site_changed, dispatch_uid="pagecache-moved")
    # So does a new slug: the old URL (and its subpages') must stop serving the old page.
    page_slug_changed.connect(site_changed, dispatch_uid="pagecache-slug-changed")
    pre_save.connect(remember_menu_membership, dispatch_uid="pagecache-menu-membership")
    image = get_image_model()
    post_save.connect(image_changed, sender=image, dispatch_uid="pagecache-image-saved")
    # Collected before the delete, while the reference index still points at the image.
    pre_delete.connect(image_changed, sender=image, dispatch_uid="pagecache-image-deleted")
    post_delete.connect(page_deleted, dispatch_uid="pagecache-deleted")
    post_save.connect(model_saved, dispatch_uid="pagecache-saved")
    post_delete.connect(model_saved, dispatch_uid="pagecache-model-deleted")
    post_save.connect(tag_changed, sender=Tag, dispatch_uid="pagecache-tag-saved")
    post_delete.connect(tag_changed, sender=Tag, dispatch_uid="pagecache-tag-deleted")
