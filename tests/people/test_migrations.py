"""Authors, clinicians and medical reviews change apps (people, medical_review) without losing a
row: on the demo site, back to where the blog, the booking app and the core held them (the
old migrations, as on a database migrated part-way before the squash: tests/old_migrations.py)
and forward again, every row, every link between them and every content type id survives."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, ReferenceIndex

from blog.models import BlogPage, BlogPageAuthor
from consultations.models import ConsultationRequest, Procedure
from medical_review.models import MedicalReview
from people.models import Author, Clinician
from tests.conftest import require_postgresql
from tests.old_migrations import migrate_old, migrate_to_latest, unapply_old

pytestmark = pytest.mark.django_db

# Where each model was before the moves, and the new apps' old migrations unapplied.
OLD_HOMES = [
    ("blog", "0012_seo_fields"),
    ("consultations", "0015_outbox_lease_and_message_id"),
    ("practice", "0008_accessibility_statement_and_procedures"),
]
NEW_APPS = [("people", "0001_initial"), ("medical_review", "0001_initial")]
MOVES = {
    # model: (app before, app after)
    "author": ("blog", "people"),
    "clinician": ("consultations", "people"),
    "medicalreview": ("practice", "medical_review"),
}


def _snapshot():
    """What must survive, read through today's models."""
    return {
        "authors": set(Author.objects.values_list("pk", "slug", "locale_id", "user_id")),
        "clinicians": set(Clinician.objects.values_list("pk", "name", "author_id")),
        "consults_on": set(
            Procedure.clinicians.through.objects.values_list("clinician_id", "procedure_id")
        ),
        "reviews": set(
            MedicalReview.objects.values_list("pk", "page_id", "revision_id", "reviewer_id")
        ),
        "article_authors": set(BlogPageAuthor.objects.values_list("page_id", "author_id")),
        "bookings": set(ConsultationRequest.objects.values_list("pk", "clinician_id")),
    }


def _content_type_ids():
    return {
        model: ContentType.objects.get(app_label=after, model=model).pk
        for model, (_, after) in MOVES.items()
    }


def test_the_moves_keep_every_row_link_and_content_type_both_ways(seeded, admin_client_logged_in):
    require_postgresql("Migrating the demo's tables back and forth in a test")
    # The demo has authors, clinicians, bookings with a clinician and reviewed articles;
    # add what it lacks: a clinician who consults on one procedure, and a log entry.
    vale = Clinician.objects.get(author__slug="adrian-vale")
    procedure = Procedure.objects.order_by("pk").first()
    vale.procedures.set([procedure])
    author = vale.author
    log(instance=author, action="wagtail.edit")
    before = _snapshot()
    assert all(before.values()), before
    assert ConsultationRequest.objects.filter(clinician=vale).exists()
    assert MedicalReview.objects.filter(reviewer__isnull=False).exists()
    type_ids = _content_type_ids()
    entry = ModelLogEntry.objects.get(content_type_id=type_ids["author"], object_id=str(author.pk))
    permission = Permission.objects.get(codename="change_author")
    assert permission.content_type_id == type_ids["author"]
    references = ReferenceIndex.objects.filter(to_content_type_id=type_ids["author"]).count()
    assert references  # the articles' authors

    # The test's transaction holds deferred foreign-key checks, which ALTER TABLE refuses.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    migrate_old(*OLD_HOMES)
    executor = unapply_old(*NEW_APPS)
    ContentType.objects.clear_cache()

    old = executor.loader.project_state(OLD_HOMES).apps
    for model, (app, _) in MOVES.items():
        assert ContentType.objects.get(app_label=app, model=model).pk == type_ids[model]
        assert not ContentType.objects.filter(app_label=MOVES[model][1], model=model).exists()
    OldAuthor = old.get_model("blog", "Author")
    OldClinician = old.get_model("consultations", "Clinician")
    OldReview = old.get_model("practice", "MedicalReview")
    OldRequest = old.get_model("consultations", "ConsultationRequest")
    OldArticleAuthor = old.get_model("blog", "BlogPageAuthor")
    assert (
        set(OldAuthor.objects.values_list("pk", "slug", "locale_id", "user_id"))
        == before["authors"]
    )
    assert set(OldClinician.objects.values_list("pk", "name", "author_id")) == before["clinicians"]
    assert [p.pk for p in OldClinician.objects.get(pk=vale.pk).procedures.all()] == [procedure.pk]
    assert (
        set(OldReview.objects.values_list("pk", "page_id", "revision_id", "reviewer_id"))
        == before["reviews"]
    )
    assert set(OldRequest.objects.values_list("pk", "clinician_id")) == before["bookings"]
    assert (
        set(OldArticleAuthor.objects.values_list("page_id", "author_id"))
        == before["article_authors"]
    )
    # The relations read through the old models too.
    assert OldClinician.objects.get(pk=vale.pk).author.slug == "adrian-vale"
    assert OldReview.objects.filter(reviewer__slug="adrian-vale").exists()

    # Forwards as such a database does: people's and medical_review's squashed migrations
    # find the tables there, the blog hands its authors over before the booking app and
    # practice hand theirs.
    migrate_to_latest()
    ContentType.objects.clear_cache()

    assert _snapshot() == before
    assert _content_type_ids() == type_ids
    assert not ContentType.objects.filter(app_label="blog", model="author").exists()
    entry.refresh_from_db()
    assert entry.content_type.app_label == "people"
    permission.refresh_from_db()
    assert permission.content_type.app_label == "people"
    assert (
        ReferenceIndex.objects.filter(to_content_type_id=type_ids["author"]).count() == references
    )
    vale.refresh_from_db()
    assert list(vale.procedures.all()) == [procedure]
    reviewed = BlogPage.objects.live().filter(medical_reviews__reviewer=author).first()
    assert reviewed.medical_review.reviewer == author
    # The snippet's admin screens follow its content type.
    edit = reverse("wagtailsnippets_people_author:edit", args=[author.pk])
    assert edit == f"/admin/snippets/people/author/edit/{author.pk}/"
    assert admin_client_logged_in.get(edit).status_code == 200
    history = reverse("wagtailsnippets_people_author:history", args=[author.pk])
    assert admin_client_logged_in.get(history).status_code == 200
