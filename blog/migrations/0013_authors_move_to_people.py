"""Authors move to the people app, keeping their table and rows (blog_author): only Django's
record of the model changes, and its content type follows, so permissions, revisions, the
audit log, the reference index, translations and snippet addresses follow too.

It runs after the other apps' references to the blog's author are gone or handed over
(consultations 0016, practice 0009, and procedures 0003 which dropped the procedure page's
old reviewer field): a model cannot leave while others name it."""

import django.db.models.deletion
from django.db import migrations, models


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
    dependencies = [
        ("blog", "0012_seo_fields"),
        ("people", "0001_initial"),
        ("consultations", "0016_clinicians_move_to_people"),
        ("practice", "0009_medical_review_moves_out"),
        ("procedures", "0003_reviews_from_approvals"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables and their foreign keys stay as they are.
            state_operations=[
                migrations.AlterField(
                    model_name="blogpageauthor",
                    name="author",
                    field=models.ForeignKey(
                        help_text="Pick from Authors.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="people.author",
                    ),
                ),
                migrations.DeleteModel(name="Author"),
            ],
        ),
        migrations.RunPython(
            rename_content_type("blog", "people", "author"),
            rename_content_type("people", "blog", "author"),
        ),
    ]
