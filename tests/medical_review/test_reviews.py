"""Medical review across the site: which pages are due, the physicians' dashboard panel and
report, the weekly digest, and the demo accounts."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import BlogPage
from medical_review import digest, reviews
from medical_review.models import MedicalReview
from people.models import Author
from practice.roles import CONTENT_EDITORS, FRONT_DESK, ensure_roles
from procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db


def member(django_user_model, username, group, email=None):
    user = django_user_model.objects.create_user(
        username, email if email is not None else f"{username}@example.com", "pw-x-12345"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def physician(seeded, django_user_model):
    ensure_roles()
    user = member(django_user_model, "doctor", reviews.PHYSICIANS)
    Author.objects.filter(slug="adrian-vale").update(user=user, weekly_review_digest=True)
    return user


@pytest.fixture
def article(seeded, approve):
    """A live article reviewed exactly at the interval's edge, 365 days ago by default."""
    page = BlogPage.objects.live().order_by("pk").first()
    surgeon = Author.objects.get(locale__language_code="en", slug="adrian-vale")
    approve(page, surgeon, on=timezone.localdate())
    return page


def set_review_date(page, days_ago):
    MedicalReview.objects.filter(page=page, revision_id=page.live_revision_id).update(
        reviewed_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def due_ids():
    return set(reviews.due_pages().values_list("pk", flat=True))


def test_a_review_is_due_once_it_is_as_old_as_the_interval(article, settings):
    settings.MEDICAL_REVIEW_INTERVAL_DAYS = 365
    set_review_date(article, 364)
    assert article.pk not in due_ids()
    set_review_date(article, 365)
    assert article.pk in due_ids()


def test_the_interval_is_a_setting(article, settings):
    set_review_date(article, 40)
    settings.MEDICAL_REVIEW_INTERVAL_DAYS = 30
    assert article.pk in due_ids()
    settings.MEDICAL_REVIEW_INTERVAL_DAYS = 60
    assert article.pk not in due_ids()


def test_a_page_published_without_approval_is_due_at_once(article, superuser):
    assert article.pk not in due_ids()
    # A superuser's direct publish (the escape hatch) is not a review.
    article.title = "Changed without review"
    article.save_revision(user=superuser).publish(user=superuser)
    assert article.pk in due_ids()
    assert reviews.current_review(BlogPage.objects.get(pk=article.pk)) is None


def test_the_due_list_covers_procedure_pages_and_leaves_out_drafts(seeded):
    procedure = ProcedurePage.objects.live().first()
    set_review_date(procedure, 400)
    due = due_ids()
    assert procedure.pk in due
    assert not BlogPage.objects.filter(pk__in=due, live=False).exists()


def test_the_seeded_demo_is_reviewed_with_one_article_awaiting_review(seeded):
    awaiting = reviews.awaiting_review()
    assert [page.slug for page in awaiting] == ["swelling-after-rhinoplasty-month-by-month"]
    assert not awaiting[0].live
    reviewed = BlogPage.objects.get(
        locale__language_code="en", slug="sun-care-after-facial-surgery"
    )
    assert reviewed.medical_review.reviewer.slug == "adrian-vale"
    assert all(page.medical_review for page in ProcedurePage.objects.live())


def test_the_dashboard_panel_lists_due_pages_for_physicians(physician, article):
    set_review_date(article, 500)
    client = Client()
    client.force_login(physician)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-medical-review-panel" in html
    assert f'data-due-page="{article.pk}"' in html


def test_the_front_desk_sees_no_review_panel_or_report(seeded, django_user_model):
    ensure_roles()
    desk = member(django_user_model, "desk", FRONT_DESK)
    client = Client()
    client.force_login(desk)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-medical-review-panel" not in home
    response = client.get(reverse("medical_review_report"))
    assert response.status_code in (302, 403)


def test_the_report_filters_to_pages_due(physician, article):
    other = BlogPage.objects.live().exclude(pk=article.pk).order_by("pk").first()
    set_review_date(article, 500)
    client = Client()
    client.force_login(physician)
    due = client.get(reverse("medical_review_report") + "?status=due")
    assert due.status_code == 200
    html = due.content.decode()
    assert article.title in html
    current = client.get(reverse("medical_review_report") + "?status=current").content.decode()
    assert article.title not in current
    assert other.title in html or other.title in current


def test_a_bad_filter_value_gets_an_answer_not_an_error(physician):
    client = Client()
    client.force_login(physician)
    url = reverse("medical_review_report")
    assert client.get(url + "?status=nonsense").status_code == 200  # the form says so
    assert client.get(url + "?status=%00").status_code == 400  # the input guard's edge rule


def test_editors_see_the_report(seeded, django_user_model):
    ensure_roles()
    client = Client()
    client.force_login(member(django_user_model, "writer", CONTENT_EDITORS))
    assert client.get(reverse("medical_review_report")).status_code == 200


def test_the_edit_form_says_when_a_review_is_due(physician, article, admin_client_logged_in):
    set_review_date(article, 500)
    html = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:edit", args=(article.pk,))
    ).content.decode()
    assert "Review due" in html
    assert "Dr. Adrian Vale" in html


def test_the_weekly_digest_lists_titles_and_admin_links_only(physician, article, settings):
    set_review_date(article, 500)
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.com"
    assert digest.send_digest() == 1
    (message,) = mail.outbox
    assert message.to == ["doctor@example.com"]
    assert article.title in message.body
    assert f"https://admin.example.com/admin/pages/{article.pk}/edit/" in message.body
    assert "Swelling after rhinoplasty, month by month" in message.body  # awaiting approval
    # Titles and links only: none of the article's text.
    assert article.lede not in message.body


def test_the_digest_goes_only_to_physicians_who_asked_for_it(physician, article, django_user_model):
    set_review_date(article, 500)
    Author.objects.filter(user=physician).update(weekly_review_digest=False)
    other = member(django_user_model, "doctor2", reviews.PHYSICIANS)
    Author.objects.create(name="Dr. Two", slug="dr-two", user=other, weekly_review_digest=True)
    editor = member(django_user_model, "writer", CONTENT_EDITORS)
    Author.objects.create(name="Writer", slug="writer", user=editor, weekly_review_digest=True)
    call_command("send_review_digest", stdout=None)
    assert [m.to for m in mail.outbox] == [["doctor2@example.com"]]


def test_the_digest_can_run_on_the_task_queue(physician, article):
    set_review_date(article, 500)
    call_command("send_review_digest", "--enqueue", stdout=None)
    assert len(mail.outbox) == 1


def test_a_physician_without_an_author_profile_is_recorded_without_a_name(
    seeded, django_user_model
):
    ensure_roles()
    user = member(django_user_model, "locum", reviews.PHYSICIANS)
    page = BlogPage.objects.live().first()
    review = reviews.record_review(page, page.latest_revision, user=user)
    assert review.reviewer is None and review.approved_by == user


def test_ensure_admin_creates_a_physician_linked_to_an_author(seeded, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "pw-demo-12345")
    call_command("ensure_admin", stdout=None)
    author = Author.objects.get(locale__language_code="en", user__username="physician")
    assert author.is_physician
    assert author.user.groups.filter(name=reviews.PHYSICIANS).exists()
