"""Medical review in a real browser: an editor submits a change to an article, a physician
requests a change with a comment, the editor fixes it and resubmits, the physician approves,
and the published article names the physician."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import BlogPage
from medical_review.reviews import PHYSICIANS
from people.models import Author
from practice.roles import CONTENT_EDITORS, ensure_roles
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_staff_journeys import login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def open_actions(page):
    """The edit form's footer: open the dropdown beside the primary button."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def save_edit(page, site, article, lede, button):
    page.goto(f"{site}/admin/pages/{article.pk}/edit/")
    page.fill("#id_lede", lede)
    open_actions(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"), timeout=90_000)


def workflow_action(page, site, article, button, comment=None):
    page.goto(f"{site}/admin/pages/{article.pk}/edit/")
    action = page.locator("footer").get_by_role("button", name=button, exact=True)
    if not action.is_visible():  # the primary button, or in the dropdown beside it
        open_actions(page)
    expect(action, page.locator("footer").inner_text()).to_be_visible()
    action.click()
    if comment is not None:
        dialog = page.locator(".modal-dialog")
        dialog.locator("textarea[name=comment]").fill(comment)
        dialog.get_by_role("button", name=re.compile(button, re.I)).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"), timeout=90_000)


def test_editor_submits_physician_requests_a_change_then_approves(
    site, open_page, django_user_model, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see test_blog_journeys: no autosave races
    ensure_roles()
    editor = django_user_model.objects.create_user("writer", "w@example.com", "pw-writer-1")
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    doctor = django_user_model.objects.create_user("doctor", "d@example.com", "pw-doctor-1")
    doctor.groups.add(Group.objects.get(name=PHYSICIANS))
    Author.objects.filter(slug="adrian-vale").update(user=doctor)
    # A live article last reviewed by nobody on record: the nurse's own profile is the author.
    article = BlogPage.objects.get(
        locale__language_code="en", slug="how-to-choose-a-facial-plastic-surgeon"
    )
    assert article.medical_review is None

    writer = open_page(DESKTOP)
    login(writer, site, "writer", "pw-writer-1")
    save_edit(
        writer, site, article, "Training, experience and listening.", "Submit to Medical review"
    )
    physician = open_page(DESKTOP)
    login(physician, site, "doctor", "pw-doctor-1")
    # The physician's dashboard shows the task (Wagtail's own "Awaiting your review").
    expect(physician.get_by_text(article.title).first).to_be_visible()
    screenshot(physician, "admin-dashboard-physician")
    workflow_action(
        physician, site, article, "Request changes", comment="Mention board certification."
    )

    save_edit(
        writer,
        site,
        article,
        "Board certification, experience and a surgeon who listens.",
        "Resubmit to Physician approval",
    )
    workflow_action(physician, site, article, "Approve and Publish")

    article.refresh_from_db()
    assert article.live and article.live_revision_id == article.latest_revision_id
    visitor = open_page(PHONE)
    visitor.goto(site + article.url)
    review = visitor.locator(".article-review")
    expect(review).to_contain_text("Medically reviewed by Dr. Adrian Vale")
    expect(review.locator("time")).to_have_attribute(
        "datetime", timezone.localdate().strftime("%Y-%m-%d")
    )
    expect(visitor.locator(".lede")).to_have_text(
        "Board certification, experience and a surgeon who listens."
    )
    screenshot(visitor, "article-reviewed")
