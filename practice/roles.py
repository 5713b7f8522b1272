"""The staff roles and what each may touch. Run by `manage.py setup_roles` and seed_demo.

Content editors write pages, articles, images and documents and never see consultation
requests; they arrange and publish before/after cases but cannot record consent or open a
consent form. The front desk handles requests, clinicians, schedules and procedures and
edits no pages and sees no cases. Clinical staff upload cases, record consent and open consent
forms (each opening is in the audit log: procedures.consent_forms). Physicians review health
content in the Medical review workflow (the medical_review app): editors may publish other
pages, but an article or procedure page only reaches the site through a physician's approval.
"""

from django.contrib.auth.models import Group, Permission
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from procedures.consent_forms import consent_collection as consent_forms_collection
from security.groups import CLINICAL_STAFF, CONTENT_EDITORS, FRONT_DESK

# Editors' documents: their document permissions are on this collection, not the root, since
# a permission on the root reaches every collection below it, consent forms included (their
# titles would show in editors' listings and choosers).
SITE_DOCUMENTS_COLLECTION = "Site documents"

FRONT_DESK_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "consultations.view_consultationrequest",
    "consultations.change_consultationrequest",
    *(
        f"consultations.{action}_{model}"
        for model in ("schedulerule", "scheduleexception", "procedure")
        for action in ("add", "change", "delete", "view")
    ),
    *(f"people.{action}_clinician" for action in ("add", "change", "delete", "view")),
    "consultations.change_bookingsettings",
    # Accessibility barriers visitors report (practice.accessibility): read, answer, close.
    "practice.view_barrierreport",
    "practice.change_barrierreport",
]

CONTENT_EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *(f"people.{action}_author" for action in ("add", "change", "delete", "view")),
    *(f"blog.{action}_blogcategory" for action in ("add", "change", "delete", "view")),
    # Arrange and publish cases; consent fields and forms need procedures.manage_consent.
    "procedures.view_beforeaftercase",
    "procedures.change_beforeaftercase",
    "procedures.change_gallerysettings",
    # The practice's name and tagline are words editors translate like any snippet (adding
    # a row is what wagtail-localize's Translate does); only a superuser removes one.
    *(f"core.{action}_practiceidentity" for action in ("add", "change", "view")),
    # Start a Spanish translation from the page's "Translate" action (wagtail-localize).
    "wagtail_localize.submit_translation",
]
CLINICAL_STAFF_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *(f"procedures.{action}_beforeaftercase" for action in ("add", "change", "delete", "view")),
    "procedures.manage_consent",
]
CONSENT_COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Editors' images: the whole image library (patients' photos are never Wagtail images).
IMAGE_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
DOCUMENT_COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def _permissions(labels):
    found = []
    for label in labels:
        app_label, codename = label.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:  # an app that is not installed yet simply grants nothing
            found.append(permission)
    return found


def ensure_roles(reset=False):
    """Create both groups and grant what each role needs. Idempotent.

    It runs on every deploy, so by default it only adds: a permission an administrator has
    granted a group since stays. `reset=True` makes the model permissions exactly the lists
    above (page and collection permissions are only ever added).
    """
    front_desk, _ = Group.objects.get_or_create(name=FRONT_DESK)
    editors, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    clinical, _ = Group.objects.get_or_create(name=CLINICAL_STAFF)
    for group, labels in (
        (front_desk, FRONT_DESK_PERMISSIONS),
        (editors, CONTENT_EDITOR_PERMISSIONS),
        (clinical, CLINICAL_STAFF_PERMISSIONS),
    ):
        if reset:
            group.permissions.set(_permissions(labels))
        else:
            group.permissions.add(*_permissions(labels))

    root_page = Page.get_first_root_node()
    for permission in _permissions(f"wagtailcore.{p}" for p in PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root_page, permission=permission
        )
    root_collection = Collection.get_first_root_node()
    for permission in _permissions(IMAGE_COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root_collection, permission=permission
        )
    # Always taken away, reset or not: earlier versions granted documents on the root.
    GroupCollectionPermission.objects.filter(
        group=editors,
        collection=root_collection,
        permission__in=_permissions(DOCUMENT_COLLECTION_PERMISSIONS),
    ).delete()
    site_documents = site_documents_collection()
    for permission in _permissions(DOCUMENT_COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=site_documents, permission=permission
        )
    consent_forms = consent_forms_collection()
    for permission in _permissions(CONSENT_COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=clinical, collection=consent_forms, permission=permission
        )
    # Roles the apps above add, by the "ensure_staff_roles" hook: the Physicians group and the
    # Medical review workflow on every page holding health pages (medical_review).
    for ensure in hooks.get_hooks("ensure_staff_roles"):
        ensure()
    return front_desk, editors


def site_documents_collection():
    """Editors' documents collection, under the root (created once). When it is created, the
    documents in the root collection, which editors could use until then, move into it."""
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=SITE_DOCUMENTS_COLLECTION).first()
    if found:
        return found
    created = root.add_child(name=SITE_DOCUMENTS_COLLECTION)
    get_document_model().objects.filter(collection=root).update(collection=created)
    return created
