"""Medical review of health content, on Wagtail's own moderation workflows.

A page type joins with `MedicalReviewMixin` (articles, procedure pages). Its pages are
published only by finishing the "Medical review" workflow, whose "Physician approval" task
belongs to the Physicians group: nobody but a superuser may publish one directly, so every
edit, a typo included, goes back to a physician. While a draft is in review only physicians
may change it (Wagtail's group approval task locks it), so the approval covers what is
published: the latest revision, as Wagtail publishes it.

The approval is the record: `finish_workflow` (Wagtail's `WAGTAIL_FINISH_WORKFLOW_ACTION`)
stores a `MedicalReview` for the approved revision, naming the approving physician's author
profile and the date, then publishes that revision. The public page shows the review of its
live revision only, so a page published any other way shows no review and is due at once.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import Panel
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
    get_page_models,
)
from wagtail.workflows import publish_workflow_state

from medical_review.models import MedicalReview
from people.models import Author

PHYSICIANS = "Physicians"
WORKFLOW_NAME = "Medical review"
TASK_NAME = "Physician approval"
# Physicians edit the pages they review; approving publishes (finish_workflow), so they need
# no publish permission of their own.
PHYSICIAN_PAGE_PERMISSIONS = ["change_page", "lock_page"]


def interval():
    return datetime.timedelta(days=settings.MEDICAL_REVIEW_INTERVAL_DAYS)


def is_due(review, today=None):
    """True when the page has no review of its live version, or it is older than the interval."""
    today = today or timezone.localdate()
    return review is None or review.reviewed_on + interval() <= today


def current_review(page):
    """The review of the page's live revision, with the reviewer's profile, or None."""
    if page.pk is None or page.live_revision_id is None:
        return None
    return (
        MedicalReview.objects.filter(page_id=page.pk, revision_id=page.live_revision_id)
        .select_related("reviewer__photo", "reviewer__profile_page")
        .first()
    )


def physician_author(user, locale_id=None):
    """The author profile linked to a staff account, or None; with `locale_id`, its version in
    that language where there is one (a Spanish page names the Spanish profile)."""
    if user is None or not user.is_authenticated:
        return None
    linked = Author.objects.filter(user=user).order_by("pk").first()
    if linked is None or locale_id is None or linked.locale_id == locale_id:
        return linked
    translation = Author.objects.filter(translation_key=linked.translation_key, locale_id=locale_id)
    return translation.first() or linked


def is_physician(user):
    return bool(user and user.is_active and user.groups.filter(name=PHYSICIANS).exists())


def reviewed_models():
    return [model for model in get_page_models() if issubclass(model, MedicalReviewMixin)]


def is_health_page(page):
    return issubclass(page.specific_class or Page, MedicalReviewMixin)


def pages_with_reviews():
    """Live health pages annotated with their live version's review: `review_date` (a date,
    or None) and `review_by` (the reviewer's name), longest unreviewed first."""
    reviews = MedicalReview.objects.filter(
        page_id=OuterRef("pk"), revision_id=OuterRef("live_revision_id")
    ).order_by("-reviewed_on", "-pk")
    return (
        Page.objects.live()
        .type(*reviewed_models())
        .annotate(
            review_date=Subquery(reviews.values("reviewed_on")[:1]),
            review_by=Subquery(reviews.values("reviewer__name")[:1]),
        )
        .order_by(F("review_date").asc(nulls_first=True), "title")
    )


def due_filter(today=None):
    """Pages (annotated by pages_with_reviews) whose review is missing or past the interval."""
    today = today or timezone.localdate()
    return Q(review_date__isnull=True) | Q(review_date__lte=today - interval())


def due_pages(today=None):
    return pages_with_reviews().filter(due_filter(today))


def awaiting_review():
    """Health pages whose Medical review workflow is in progress, oldest submission first."""
    states = WorkflowState.objects.active().filter(
        workflow__name=WORKFLOW_NAME, base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = [int(pk) for pk in states.order_by("created_at").values_list("object_id", flat=True)]
    pages = Page.objects.in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]


def record_review(page, revision, user=None, reviewer=None, on=None):
    """Store a review of `revision`: by `user`'s author profile unless `reviewer` is given."""
    return MedicalReview.objects.create(
        page_id=page.pk,
        revision=revision,
        reviewer=reviewer if reviewer is not None else physician_author(user, page.locale_id),
        approved_by=user,
        reviewed_on=on or timezone.localdate(),
    )


@transaction.atomic
def finish_workflow(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION (via medical_review.workflow_actions): record a physician's
    approval of a health page, then publish it. The approval is what authorises the publish:
    physicians have no publish permission of their own (see HealthPagePermissionTester)."""
    page = workflow_state.content_object
    if not isinstance(page, Page) or not is_health_page(page):
        publish_workflow_state(workflow_state, user=user)
        return
    revision = page.get_latest_revision()
    # Only a physician's approval is a medical review (another workflow may be assigned).
    if is_physician(user):
        record_review(page, revision, user=user)
    revision.publish(user=user, skip_permission_checks=True)


class HealthPagePermissionTester(PagePermissionTester):
    """Health content is published only by the Medical review workflow: no direct publish
    (or scheduling, which is a publish) for editors or physicians. Superusers keep it as the
    escape hatch; what they publish unreviewed shows no review and is due at once."""

    def can_publish(self):
        return self.user.is_active and self.user.is_superuser


class HealthParentPermissionTester(PagePermissionTester):
    """Creating a health page and publishing it in one go (or publishing a copy) is a publish
    too: only superusers may, as with HealthPagePermissionTester."""

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self.user.is_superuser


class HoldsHealthPagesMixin:
    """For the page types under which health pages live: the Medical review workflow is
    assigned to them (ensure_workflow), and no one but a superuser publishes a new child
    straight from the create form."""

    def permissions_for_user(self, user):
        return HealthParentPermissionTester(user, self)


class MedicalReviewMixin:
    """Joins a page type to medical review: its review comes from the approvals.

    Its translations are free copies (wagtail-localize's "simple" mode): the Spanish draft
    opens in the page editor, so it goes to Medical review like any edit. A synced
    translation could only be published from the translation editor, which knows no
    workflow."""

    localize_default_translation_mode = "simple"

    def permissions_for_user(self, user):
        return HealthPagePermissionTester(user, self)

    @cached_property
    def medical_review(self):
        return current_review(self)

    @property
    def reviewer(self):
        return self.medical_review.reviewer if self.medical_review else None

    @property
    def last_reviewed(self):
        return self.medical_review.reviewed_on if self.medical_review else None


class MedicalReviewPanel(Panel):
    """Read-only: who approved the live version and when, and whether a review is due."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "medical_review/admin/review_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            review = current_review(self.instance)
            context.update(
                review=review,
                due=is_due(review),
                due_on=review.reviewed_on + interval() if review else None,
                interval_days=settings.MEDICAL_REVIEW_INTERVAL_DAYS,
            )
            return context


def reviewed_parents():
    """Pages that hold health pages (blog and procedure indexes): the workflow's home."""
    parents = [model for model in get_page_models() if issubclass(model, HoldsHealthPagesMixin)]
    return Page.objects.type(*parents) if parents else Page.objects.none()


def ensure_workflow():
    """The Physicians group, the Medical review workflow with its Physician approval task, and
    its assignment to every page holding health pages. Idempotent (setup_roles, seed_demo)."""
    physicians, _ = Group.objects.get_or_create(name=PHYSICIANS)
    access = Permission.objects.filter(content_type__app_label="wagtailadmin").filter(
        codename="access_admin"
    )
    physicians.permissions.add(*access)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(physicians)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PHYSICIAN_PAGE_PERMISSIONS
    )
    for parent in reviewed_parents():
        WorkflowPage.objects.update_or_create(page=parent, defaults={"workflow": workflow})
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=physicians, page=parent, permission=permission
            )
    return physicians, workflow
