"""Signal receivers: each forwards one event to practice.caching.purge, which decides.

Connected by PracticeConfig.ready(). Unlike wagtail.contrib.frontend_cache (not installed:
its receivers would purge a second time, and know nothing of site-wide changes), these
cover every change a page can show, not only publishing.
"""

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from practice.caching import purge, reads


def _published(sender, instance, **kwargs):
    purge.page_published(instance.specific)


def _unpublished(sender, instance, **kwargs):
    purge.page_unpublished(instance.specific)


def _moved(sender, instance, **kwargs):
    purge.page_moved(instance.specific)


def _will_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if isinstance(instance, Page) and not raw:
        purge.page_will_save(instance, update_fields)


def _saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw:
        return  # fixture loads bring their own rows and index entries
    if isinstance(instance, Page):
        purge.page_saved(instance, update_fields)
    elif not isinstance(instance, media_models()):
        purge.model_saved(instance, created)


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge.page_deleted(instance)
    elif not isinstance(instance, media_models()):
        purge.model_deleted(instance)


def media_models():
    """Images and documents: pages show them through the reference index (purge.decide_media)."""
    return (get_image_model(), get_document_model())


def _media_changed(sender, instance, created=False, raw=False, **kwargs):
    # Nothing shows an image or document that has only just been uploaded.
    if not created and not raw:
        purge.media_changed(instance)


def connect():
    # Each request reads each cache key once, a render's keys in one round trip (reads).
    request_started.connect(reads.request_started, dispatch_uid="caching-request-started")
    request_finished.connect(reads.request_finished, dispatch_uid="caching-request-done")
    page_published.connect(_published, dispatch_uid="caching-published")
    page_unpublished.connect(_unpublished, dispatch_uid="caching-unpublished")
    post_page_move.connect(_moved, dispatch_uid="caching-moved")
    page_slug_changed.connect(_moved, dispatch_uid="caching-slug-changed")
    pre_save.connect(_will_save, dispatch_uid="caching-page-will-save")
    post_save.connect(_saved, dispatch_uid="caching-saved")
    post_delete.connect(_deleted, dispatch_uid="caching-deleted")
    for model in media_models():
        name = model.__name__
        post_save.connect(_media_changed, sender=model, dispatch_uid=f"caching-{name}-saved")
        # Collected before the delete, while the reference index still points at it.
        pre_delete.connect(_media_changed, sender=model, dispatch_uid=f"caching-{name}-deleted")
