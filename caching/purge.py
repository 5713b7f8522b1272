"""What a change retires, decided in one place, and carried out after the change commits.

On a site of this size (hundreds to a few thousand pages, a few publishes a day) the
decision is the one that cannot miss: a change to anything a page may show retires the
whole site, in the in-app cache (a new generation) and at the edge (every host banned).
New page types and models need no declaration: they retire the site by default. Only the
rows no public page shows (NEVER_SHOWN: visitors' bookings, sessions, logs, revisions, the
search index, renditions made while rendering) and a page's draft saves retire nothing.

`decide()` is plain (no signals, no database) so tests and docs/caching.md's table read it.
Retiring before the commit would let a request read the new generation with the old rows
and store them under it; `transaction.on_commit` makes the order safe.
"""

import logging
import threading

from django.db import transaction
from wagtail.models import Page

from caching import edge, generation

logger = logging.getLogger(__name__)

NOTHING = "nothing"
WHOLE_SITE = "the whole site"

# App labels, or "app_label.modelname", whose rows no cached page shows.
NEVER_SHOWN = frozenset(
    {
        # Django and third-party bookkeeping: sessions, users' logins, lockouts, devices,
        # queued tasks.
        "sessions",
        "admin",
        "auth",
        "contenttypes",
        "axes",
        "otp_totp",
        "django_tasks_database",
        # Wagtail's own bookkeeping: revisions (drafts), logs, workflow states, comments,
        # editing sessions, the reference and search indexes, renditions made on a render.
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.uploadedfile",
        "wagtailadmin",
        "wagtailusers",
        "wagtailsearch",
        "wagtailimages.rendition",
        "wagtailembeds",
        "wagtail_localize",
        # Visitors' bookings and their email outbox: shown only to the front desk.
        "consultations.consultationrequest",
        "consultations.consultationnote",
        "consultations.notification",
    }
)

# Page fields a draft save, an autosave or a workflow step writes: none shows on the site.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def is_never_shown(model):
    meta = model._meta
    return meta.app_label in NEVER_SHOWN or meta.label_lower in NEVER_SHOWN


def decide(instance, update_fields=None):
    """What saving or deleting `instance` retires: NOTHING or WHOLE_SITE.

    A page retires the site on a publish, unpublish, move, slug change or delete (each is a
    save naming no fields, or fields beyond a draft's); a draft save names only DRAFT_FIELDS.
    """
    if is_never_shown(type(instance)):
        return NOTHING
    if (
        isinstance(instance, Page)
        and update_fields is not None
        and (set(update_fields) <= DRAFT_FIELDS)
    ):
        return NOTHING
    return WHOLE_SITE


def changed(instance, update_fields=None):
    """A saved or deleted object: retire what `decide` says, after the commit."""
    if decide(instance, update_fields) == WHOLE_SITE:
        retire_site()


# Per thread (a thread's database connection is its own): retires asked for and delivered.
_pending = threading.local()


def retire_site():
    """Retire every cached page and fragment, in the app and at the edge, once the current
    transaction commits (at once outside one). Several changes in one transaction retire
    once; a rolled-back one leaves a request behind, which the next commit delivers: an
    extra retire, never a missed one."""
    _pending.asked = getattr(_pending, "asked", 0) + 1
    transaction.on_commit(_deliver_pending)


def _deliver_pending():
    asked = getattr(_pending, "asked", 0)
    if asked > getattr(_pending, "delivered", 0):
        _pending.delivered = asked
        deliver()


def deliver():
    """The in-app cache first (a new generation at the next read), then the edge."""
    generation.retire()
    logger.debug("cache retired for the whole site")
    edge.purge_site()
