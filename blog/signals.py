"""Keep the article page's cached parts (which articles are related or previous/next; its
authors, categories and tags) in step with what is live, and note what the live version of
an article showed before a publish replaces it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practice import page_cache


def _bump(*args, **kwargs):
    from blog.models import bump_neighbours_version

    # Now for this transaction's own reads, and again after commit so a render that read
    # the old rows meanwhile cannot leave them cached under the new version.
    bump_neighbours_version()
    transaction.on_commit(bump_neighbours_version)


def _bump_unless_draft(sender, instance=None, update_fields=None, **kwargs):
    # Draft saves and autosaves name their fields and change nothing live: bumping on each
    # would throw away every cached part while anyone is editing. Publish, unpublish, move
    # and delete bump through their own signals.
    if update_fields is None:
        _bump()


def _image_changed(sender, instance, created=False, **kwargs):
    # Article pages cache their authors with their photos' rows (file, focal point): an
    # edit or a delete must rebuild them. A new upload shows nowhere yet.
    if not created:
        _bump()


def remember_live_purge_paths(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before a full save (a publish), note the paths the live version appears on.

    The page cache purges from the article as published (practice.signals); a category, tag
    or author it has just lost, or the neighbours of its old date, are only known from the
    row still in the database. Draft saves name their fields and are skipped.
    """
    if raw or instance.pk is None or update_fields is not None:
        return
    previous = type(instance).objects.filter(pk=instance.pk, live=True).first()
    instance._previous_purge_paths = previous._current_purge_paths() if previous else []


def _profile_page_gone(sender, instance, **kwargs):
    """An author's profile page unpublished or deleted: the links to it live in cached
    author rows on every article page (and in the page cache), so start afresh."""
    from blog.models import Author

    if isinstance(instance, Page) and Author.objects.filter(profile_page_id=instance.pk).exists():
        transaction.on_commit(page_cache.purge_site)


def connect():
    from blog.models import BlogIndexPage, BlogPage

    article_signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "saved": post_save,
        "deleted": post_delete,
    }
    for name, signal in article_signals.items():
        handler = _bump_unless_draft if signal is post_save else _bump
        signal.connect(handler, sender=BlogPage, dispatch_uid=f"blog-neighbours-{name}")
        # Routing caches the blog index under the same version (BlogIndexPage).
        signal.connect(handler, sender=BlogIndexPage, dispatch_uid=f"blog-index-{name}")
    pre_save.connect(
        remember_live_purge_paths, sender=BlogPage, dispatch_uid="blog-live-purge-paths"
    )
    post_save.connect(_bump, sender=PageViewRestriction, dispatch_uid="blog-restriction-saved")
    post_delete.connect(_bump, sender=PageViewRestriction, dispatch_uid="blog-restriction-gone")
    # Tags are shown from the article page's cached taxonomy (BlogPage.load_taxonomy).
    post_save.connect(_bump, sender=Tag, dispatch_uid="blog-tag-saved")
    post_delete.connect(_bump, sender=Tag, dispatch_uid="blog-tag-deleted")
    page_unpublished.connect(_profile_page_gone, dispatch_uid="blog-profile-unpublished")
    pre_delete.connect(_profile_page_gone, dispatch_uid="blog-profile-deleted")
    image = get_image_model()
    post_save.connect(_image_changed, sender=image, dispatch_uid="blog-image-saved")
    pre_delete.connect(_image_changed, sender=image, dispatch_uid="blog-image-deleted")
