"""The medical review record moves to its own app (medical_review), keeping its table and
rows: Django's record of the model leaves the core, and its content type follows, so its
permissions, revisions, log entries and references follow too. The core then names no
domain app's model."""

from django.db import migrations


def rename_content_type(old_app, new_app, model):
    """Move a content type row to another app label, keeping its id (what permissions,
    revisions, the audit log and the reference index point at). A row a partial migrate may
    already have created under the new label is dropped first: it holds nothing yet."""

    def rename(apps, schema_editor):
        from django.contrib.contenttypes.models import ContentType as LiveContentType

        ContentType = apps.get_model("contenttypes", "ContentType")
        rows = ContentType.objects.using(schema_editor.connection.alias)
        if rows.filter(app_label=old_app, model=model).exists():
            rows.filter(app_label=new_app, model=model).delete()
            rows.filter(app_label=old_app, model=model).update(app_label=new_app)
        LiveContentType.objects.clear_cache()

    return rename


class Migration(migrations.Migration):
    dependencies = [("practice", "0008_accessibility_statement_and_procedures")]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table stays (medical_review.MedicalReview names it with db_table).
            state_operations=[migrations.DeleteModel(name="MedicalReview")],
        ),
        migrations.RunPython(
            rename_content_type("practice", "medical_review", "medicalreview"),
            rename_content_type("medical_review", "practice", "medicalreview"),
        ),
    ]
