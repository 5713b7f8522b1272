"""Medical review of articles through Wagtail's workflow, driven through the admin as staff
use it: editors submit, physicians request changes or approve, approval publishes and names
the physician on the page."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset

from blog.models import BlogPage
from medical_review.reviews import (
    PHYSICIANS,
    TASK_NAME,
    WORKFLOW_NAME,
    MedicalReview,
    current_review,
)
from people.models import Author
from practice.roles import CONTENT_EDITORS, ensure_roles
from tests.blog.test_admin import add_url, article_form_data

pytestmark = pytest.mark.django_db


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw-x-12345")
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(seeded, django_user_model):
    ensure_roles()
    return member(django_user_model, "writer", CONTENT_EDITORS)


@pytest.fixture
def physician(seeded, django_user_model):
    ensure_roles()
    user = member(django_user_model, "doctor", PHYSICIANS)
    Author.objects.filter(slug="adrian-vale").update(user=user)
    return user


def submit_new_article(editor, hero_image, **overrides):
    data = article_form_data(hero_image, **overrides)
    del data["action-publish"]
    data["action-submit"] = "action-submit"
    from blog.models import BlogIndexPage

    blog = BlogIndexPage.objects.get(locale__language_code="en")
    response = logged_in(editor).post(add_url(blog), data)
    assert response.status_code == 302
    return BlogPage.objects.get(locale__language_code="en", slug=data["slug"])


def task_state(page):
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def act(user, page, action, comment=""):
    state = task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return logged_in(user).post(url, {"comment": comment})


def edit(user, page, action, **overrides):
    """Post the article's edit form as `user` with the given button."""
    link = page.article_authors.get()
    authors = inline_formset([{"id": link.pk, "author": link.author_id}], initial=1)
    data = article_form_data(page.hero_image, slug=page.slug, article_authors=authors, **overrides)
    del data["action-publish"]
    if action:
        data[action] = action
    return logged_in(user).post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def workflow_state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()


def test_setup_roles_puts_the_blog_under_the_medical_review_workflow(blog_index):
    call_command("setup_roles", stdout=None)
    workflow = blog_index.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert task.name == TASK_NAME
    assert [group.name for group in task.groups.all()] == [PHYSICIANS]
    article = BlogPage.objects.child_of(blog_index).first()
    assert article.get_workflow() == workflow


def test_only_superusers_may_publish_health_content_directly(editor, physician, superuser):
    article = BlogPage.objects.live().first()
    assert not article.permissions_for_user(editor).can_publish()
    assert not article.permissions_for_user(physician).can_publish()
    assert article.permissions_for_user(superuser).can_publish()
    # Editors still publish pages that are not health content.
    assert article.get_parent().permissions_for_user(editor).can_publish()


def test_an_editors_publish_click_only_saves_a_draft(editor, hero_image):
    data = article_form_data(hero_image)
    from blog.models import BlogIndexPage

    blog = BlogIndexPage.objects.get(locale__language_code="en")
    response = logged_in(editor).post(add_url(blog), data)
    assert response.status_code == 302
    article = BlogPage.objects.get(locale__language_code="en", slug=data["slug"])
    assert not article.live
    assert workflow_state(article) is None


def test_an_editor_can_submit_but_not_approve(editor, hero_image):
    article = submit_new_article(editor, hero_image)
    state = workflow_state(article)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == TASK_NAME
    assert not article.live

    act(editor, article, "approve")
    article.refresh_from_db()
    assert not article.live
    assert task_state(article).status == TaskState.STATUS_IN_PROGRESS
    assert not MedicalReview.objects.filter(page=article).exists()


def test_a_physician_requests_changes_with_a_comment(editor, physician, hero_image):
    article = submit_new_article(editor, hero_image)
    state = task_state(article)
    act(physician, article, "reject", comment="Say that bruising can last two weeks.")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED
    assert state.comment == "Say that bruising can last two weeks."
    assert workflow_state(article).status == WorkflowState.STATUS_NEEDS_CHANGES
    article.refresh_from_db()
    assert not article.live


def test_the_editor_fixes_and_resubmits_then_the_approval_publishes_and_names_the_physician(
    editor, physician, hero_image, client
):
    article = submit_new_article(editor, hero_image)
    act(physician, article, "reject", comment="Add the bruising timeline.")
    response = edit(editor, article, "action-submit", lede="Now with the bruising timeline.")
    assert response.status_code == 302
    assert workflow_state(article).status == WorkflowState.STATUS_IN_PROGRESS

    act(physician, article, "approve")
    article.refresh_from_db()
    assert article.live
    assert workflow_state(article).status == WorkflowState.STATUS_APPROVED
    review = current_review(article)
    assert review.approved_by == physician
    assert review.reviewer.slug == "adrian-vale"
    assert review.reviewed_on == timezone.localdate()
    assert review.revision_id == article.live_revision_id

    html = client.get(article.url).content.decode()
    today = timezone.localdate()
    assert "Medically reviewed by" in html and "Dr. Adrian Vale" in html
    assert f'<time datetime="{today:%Y-%m-%d}">' in html
    assert "Now with the bruising timeline." in html


def test_json_ld_takes_the_reviewer_and_date_from_the_approval(
    editor, physician, hero_image, client
):
    article = submit_new_article(editor, hero_image)
    act(physician, article, "approve")
    html = client.get(BlogPage.objects.get(pk=article.pk).url).content.decode()
    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    posting = next(b for b in blocks if b.get("@type") == "BlogPosting")
    assert posting["reviewedBy"]["name"].startswith("Dr. Adrian Vale")
    assert posting["lastReviewed"] == timezone.localdate().isoformat()


def test_a_typo_fix_after_approval_needs_a_new_review(editor, physician, hero_image, client):
    article = submit_new_article(editor, hero_image)
    act(physician, article, "approve")
    article.refresh_from_db()
    approved_revision = article.live_revision_id

    # Publish is not offered: the click saves a draft, and the site keeps the approved text.
    edit(editor, article, "action-publish", lede="Written and publishd through the admin.")
    article.refresh_from_db()
    assert article.live_revision_id == approved_revision
    assert "publishd" not in client.get(article.url).content.decode()

    edit(editor, article, "action-submit", lede="Written and published, typo fixed.")
    assert workflow_state(article).status == WorkflowState.STATUS_IN_PROGRESS
    act(physician, article, "approve")
    article.refresh_from_db()
    assert article.live_revision_id != approved_revision
    assert current_review(article).revision_id == article.live_revision_id
    assert MedicalReview.objects.filter(page=article).count() == 2


def test_a_physicians_edit_during_review_is_what_their_approval_publishes(
    editor, physician, hero_image
):
    article = submit_new_article(editor, hero_image)
    # The physician edits the draft under review (editors are locked out meanwhile).
    edit(physician, article, None, lede="Tightened by the reviewing physician.")
    act(physician, article, "approve")
    article.refresh_from_db()
    assert article.live
    assert article.live_revision_id == article.latest_revision_id
    assert article.live_revision.as_object().lede == "Tightened by the reviewing physician."
    assert current_review(article).revision_id == article.live_revision_id


def test_approving_from_the_edit_form_publishes(editor, physician, hero_image):
    # The editor's Approve button posts the whole form, which saves a revision first.
    article = submit_new_article(editor, hero_image)
    response = edit(
        physician,
        article,
        "action-workflow-action",
        **{"workflow-action-name": "approve", "workflow-action-extra-data": "{}"},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert current_review(article).approved_by == physician


def test_editors_cannot_edit_a_draft_while_a_physician_reviews_it(editor, hero_image):
    article = submit_new_article(editor, hero_image)
    revisions = article.revisions.count()
    edit(editor, article, None, lede="Sneaked in during review.")
    assert article.revisions.count() == revisions


def test_a_schedule_set_by_an_editor_waits_for_approval(editor, physician, hero_image):
    go_live = timezone.now() + datetime.timedelta(days=2)
    article = submit_new_article(editor, hero_image)
    act(physician, article, "reject", comment="Later.")
    edit(
        editor,
        article,
        "action-publish",
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
    )
    article.refresh_from_db()
    assert not article.live
    assert article.revisions.filter(approved_go_live_at__isnull=False).count() == 0
