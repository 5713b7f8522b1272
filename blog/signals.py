"""Keep the cached related/previous/next article lists in step with what is live."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move


def _bump(*args, **kwargs):
    from blog.models import bump_neighbours_version

    # Now for this transaction's own reads, and again after commit so a render that read
    # the old rows meanwhile cannot leave them cached under the new version.
    bump_neighbours_version()
    transaction.on_commit(bump_neighbours_version)


def connect():
    from blog.models import BlogPage

    article_signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "saved": post_save,
        "deleted": post_delete,
    }
    for name, signal in article_signals.items():
        signal.connect(_bump, sender=BlogPage, dispatch_uid=f"blog-neighbours-{name}")
    post_save.connect(_bump, sender=PageViewRestriction, dispatch_uid="blog-restriction-saved")
    post_delete.connect(_bump, sender=PageViewRestriction, dispatch_uid="blog-restriction-gone")
