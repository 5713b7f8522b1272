"""The migration that replaced the free "reviewed by" fields keeps what editors had typed, on
a database migrated part-way before the blog's migrations were squashed
(tests/old_migrations.py)."""

import datetime

import pytest
from django.db import connection

from blog.models import BlogCategory, BlogPage
from medical_review.models import MedicalReview
from medical_review.reviews import current_review
from people.models import Author
from tests.conftest import require_postgresql
from tests.old_migrations import catch_up, migrate_old

pytestmark = pytest.mark.django_db

BEFORE = ("blog", "0005_author_staff_account")
AFTER = ("blog", "0006_reviews_from_approvals")


def test_typed_reviews_become_reviews_of_the_live_version(seeded):
    require_postgresql("Migrating back and forth inside the test's transaction")
    article = BlogPage.objects.live().order_by("pk").first()
    surgeon = Author.objects.get(locale__language_code="en", slug="adrian-vale")
    unreviewed = BlogPage.objects.live().exclude(pk=article.pk).order_by("pk").first()
    MedicalReview.objects.filter(page__in=[article, unreviewed]).delete()

    # Back before the Spanish edition too: its per-language slugs would not fit the old
    # unique slug columns, so its snippets go (the test's transaction restores them).
    Author.objects.exclude(locale__language_code="en").delete()
    BlogCategory.objects.exclude(locale__language_code="en").delete()
    # ALTER TABLE refuses to run past the test transaction's deferred foreign-key checks.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = migrate_old(BEFORE)
    old = executor.loader.project_state([BEFORE]).apps.get_model("blog", "BlogPage")
    old.objects.filter(pk=article.pk).update(
        reviewed_by_id=surgeon.pk, last_reviewed=datetime.date(2026, 3, 1)
    )
    old.objects.filter(pk=unreviewed.pk).update(reviewed_by_id=None, last_reviewed=None)

    migrate_old(AFTER)
    # Then the rest of the way (the later migrations), so today's models read the rows: in
    # the steps blog 0013 asks for, as the booking app's clinician migrations went back too.
    catch_up()
    review = current_review(BlogPage.objects.get(pk=article.pk))
    assert review.reviewer == surgeon
    assert review.reviewed_on == datetime.date(2026, 3, 1)
    assert review.approved_by is None  # typed in before the workflow: no approving account
    assert not MedicalReview.objects.filter(page=unreviewed).exists()
