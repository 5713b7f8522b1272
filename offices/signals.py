"""Keep the cached footer office list in step with the live office pages."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from offices.footer import invalidate_footer


def connect():
    from offices.models import OfficePage

    # Wagtail sends these with the specific page class as sender.
    page_published.connect(invalidate_footer, sender=OfficePage, dispatch_uid="office-pub")
    page_unpublished.connect(invalidate_footer, sender=OfficePage, dispatch_uid="office-unpub")
    post_page_move.connect(invalidate_footer, sender=OfficePage, dispatch_uid="office-move")
    post_delete.connect(invalidate_footer, sender=OfficePage, dispatch_uid="office-delete")
