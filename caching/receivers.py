"""Signal receivers: each forwards a change to caching.purge, which decides.

Connected by CachingConfig.ready(). Wagtail's page signals cover what a plain save does not
name (a move, a slug change, an unpublish by update); saves and deletes of every model cover
the rest. wagtail.contrib.frontend_cache is not installed: its receivers would purge page by
page, and know nothing of snippets, settings or images.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from caching import purge


def _saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw:  # fixture loads bring their own rows; nothing is cached yet
        purge.changed(instance, update_fields)


def _deleted(sender, instance, **kwargs):
    purge.changed(instance)


def _page_event(sender, instance, **kwargs):
    purge.changed(instance)


def connect():
    post_save.connect(_saved, dispatch_uid="caching-saved")
    post_delete.connect(_deleted, dispatch_uid="caching-deleted")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_event, dispatch_uid=f"caching-{id(signal)}")
