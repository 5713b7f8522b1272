"""Procedure pages are health content too: the same workflow, the same rule on publishing,
and the review shown on the page and in its JSON-LD comes from the approval."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from medical_review.reviews import PHYSICIANS, WORKFLOW_NAME, current_review
from people.models import Author
from practice.roles import CONTENT_EDITORS, ensure_roles
from tests.blog.test_seo import by_type, jsonld_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(seeded, django_user_model):
    ensure_roles()
    editor = django_user_model.objects.create_user("writer", "w@example.com", "pw-x-12345")
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    doctor = django_user_model.objects.create_user("doctor", "d@example.com", "pw-x-12345")
    doctor.groups.add(Group.objects.get(name=PHYSICIANS))
    Author.objects.filter(slug="adrian-vale").update(user=doctor)
    return editor, doctor


def test_procedures_are_under_the_medical_review_workflow(make_procedure):
    page = make_procedure()
    assert page.get_workflow().name == WORKFLOW_NAME


def test_editors_and_physicians_cannot_publish_a_procedure_directly(people, make_procedure):
    editor, doctor = people
    page = make_procedure()
    for user in (editor, doctor):
        assert not page.permissions_for_user(user).can_publish()
        assert not page.get_parent().specific.permissions_for_user(user).can_publish_subpage()


def test_a_physicians_approval_publishes_and_shows_on_the_page_and_in_json_ld(
    people, make_procedure, client
):
    editor, doctor = people
    page = make_procedure(title="Chin augmentation")
    page.summary = "Changed: needs a new review."
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, doctor, "approve")

    page.refresh_from_db()
    review = current_review(page)
    assert review.reviewer.slug == "adrian-vale" and review.approved_by == doctor
    html = client.get(page.url).content.decode()
    assert "Changed: needs a new review." in html
    assert "Medically reviewed by Dr. Adrian Vale" in html
    web_page = by_type(jsonld_blocks(html), "MedicalWebPage")
    assert web_page["reviewedBy"]["name"].startswith("Dr. Adrian Vale")
    assert web_page["lastReviewed"] == timezone.localdate().isoformat()


def test_a_procedure_published_without_review_claims_none(make_procedure, client):
    page = make_procedure()  # published straight through a revision, as a superuser could
    html = client.get(page.url).content.decode()
    assert "Medically reviewed" not in html
    assert "reviewedBy" not in html and "lastReviewed" not in html
