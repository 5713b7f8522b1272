"""Keep the reviews typed into the old free fields as each page's review of its live version
(no approving account: they predate the Medical review workflow), then drop the fields."""

from django.db import migrations
from django.utils import timezone

from core.migration_helpers import require_applied


# The reviews' table by name, not the model: the model left the core later (practice 0009,
# now medical_review.MedicalReview), and this must run whichever app holds it by then.
INSERT = (
    "INSERT INTO practice_medicalreview (page_id, revision_id, reviewer_id, reviewed_on, created_at)"
    " VALUES (%s, %s, %s, %s, %s)"
)
LATEST = (
    "SELECT reviewer_id, reviewed_on FROM practice_medicalreview WHERE page_id = %s"
    " ORDER BY reviewed_on DESC, id DESC"
)


def keep_reviews(apps, schema_editor):
    Model = apps.get_model("blog", "BlogPage")
    rows = Model.objects.exclude(reviewed_by__isnull=True, last_reviewed__isnull=True)
    with schema_editor.connection.cursor() as cursor:
        for page_id, reviewer_id, reviewed_on, revision_id, published_at in rows.values_list(
            "pk", "reviewed_by_id", "last_reviewed", "live_revision_id", "last_published_at"
        ):
            if reviewed_on is None:  # a reviewer with no date: the last publish stands for it
                reviewed_on = timezone.localdate(published_at) if published_at else timezone.localdate()
            ops = schema_editor.connection.ops
            cursor.execute(
                INSERT,
                [
                    page_id,
                    revision_id,
                    reviewer_id,
                    ops.adapt_datefield_value(reviewed_on),
                    ops.adapt_datetimefield_value(timezone.now()),
                ],
            )


def restore_fields(apps, schema_editor):
    Model = apps.get_model("blog", "BlogPage")
    with schema_editor.connection.cursor() as cursor:
        for page in Model.objects.all():
            cursor.execute(LATEST, [page.pk])
            review = cursor.fetchone()
            if review:
                Model.objects.filter(pk=page.pk).update(
                    reviewed_by_id=review[0], last_reviewed=review[1]
                )


class Migration(migrations.Migration):
    # The reviews' table comes from practice 0002, which this named as a dependency until the
    # squash (an app's migrations name no app above its own since): a database that still
    # runs this is checked for it instead.
    dependencies = [
        ("blog", "0005_author_staff_account"),
    ]

    operations = [
        require_applied(("practice", "0002_medical_review")),
        migrations.RunPython(keep_reviews, restore_fields),
        migrations.RemoveField(model_name="blogpage", name="last_reviewed"),
        migrations.RemoveField(model_name="blogpage", name="reviewed_by"),
    ]
