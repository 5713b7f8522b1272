"""Signed consent forms: Wagtail documents in the private “Consent forms” collection. Only
staff with `procedures.manage_consent` (clinical staff) may open one, and every opening is
written to Wagtail's audit log."""

from django.core.exceptions import PermissionDenied
from wagtail.log_actions import log
from wagtail.models import Collection

# The private collection of signed consent forms; practice.roles grants it to clinical staff.
COLLECTION_NAME = "Consent forms"
OPENED = "procedures.consent_form_opened"
PERMISSION = "procedures.manage_consent"


def is_consent_form(document):
    collection = document.collection
    consent = Collection.objects.filter(name=COLLECTION_NAME, depth=2).first()
    return consent is not None and (
        collection.pk == consent.pk or collection.is_descendant_of(consent)
    )


def consent_collection():
    """The private collection of consent forms, under the root collection (created once)."""
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=COLLECTION_NAME).first()
    return found or root.add_child(name=COLLECTION_NAME)


def check_and_log_opening(document, request):
    """Refuse a consent form to anyone without the permission; log each opening."""
    if not is_consent_form(document):
        return
    if not request.user.is_authenticated or not request.user.has_perm(PERMISSION):
        raise PermissionDenied("Consent forms are for clinical staff only.")
    log(instance=document, action=OPENED, user=request.user)


__all__ = ["COLLECTION_NAME", "OPENED", "check_and_log_opening", "consent_collection"]
