"""Keep the reviews typed into the old free fields as each page's review of its live version
(no approving account: they predate the Medical review workflow), then drop the fields."""

from django.db import migrations
from django.utils import timezone


def keep_reviews(apps, schema_editor):
    MedicalReview = apps.get_model("practice", "MedicalReview")
    Model = apps.get_model("procedures", "ProcedurePage")
    rows = Model.objects.exclude(reviewed_by__isnull=True, last_reviewed__isnull=True)
    for page_id, reviewer_id, reviewed_on, revision_id, published_at in rows.values_list(
        "pk", "reviewed_by_id", "last_reviewed", "live_revision_id", "last_published_at"
    ):
        if reviewed_on is None:  # a reviewer with no date: the last publish stands for it
            reviewed_on = timezone.localdate(published_at) if published_at else timezone.localdate()
        MedicalReview.objects.create(
            page_id=page_id, revision_id=revision_id, reviewer_id=reviewer_id, reviewed_on=reviewed_on
        )


def restore_fields(apps, schema_editor):
    MedicalReview = apps.get_model("practice", "MedicalReview")
    Model = apps.get_model("procedures", "ProcedurePage")
    for page in Model.objects.all():
        review = MedicalReview.objects.filter(page_id=page.pk).order_by("-reviewed_on", "-pk").first()
        if review:
            Model.objects.filter(pk=page.pk).update(
                reviewed_by_id=review.reviewer_id, last_reviewed=review.reviewed_on
            )


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0002_before_after_cases_with_consent"),
        ("practice", "0002_medical_review"),
    ]

    operations = [
        migrations.RunPython(keep_reviews, restore_fields),
        migrations.RemoveField(model_name="procedurepage", name="last_reviewed"),
        migrations.RemoveField(model_name="procedurepage", name="reviewed_by"),
    ]
