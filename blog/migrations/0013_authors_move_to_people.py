"""Authors move to the people app, keeping their table and rows (blog_author): only Django's
record of the model changes, and its content type follows, so permissions, revisions, the
audit log, the reference index, translations and snippet addresses follow too.

A model cannot leave while others name it. This used to wait for the other apps to hand
their references over (consultations 0016, practice 0009, procedures 0003) by depending on
their migrations; since the squash an app's migrations name no app above its own, so where
those have not run yet their references (the clinician's profile, the review's reviewer, the
procedure page's old reviewer) are pointed at people's author here, in Django's record only:
it is the same table. The migrations that first made such references (consultations 0011
and 0012, practice 0002) must have run: a database that still runs this is checked for them.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.migrations.operations.base import Operation

from core.migration_helpers import require_applied


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


class PointRelationsAt(Operation):
    """Django's record of the models only: every relation to `old` (a model label in lower
    case) points at `new` instead, which has the same table."""

    reversible = True

    def __init__(self, old, new):
        self.old, self.new = old, new

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.old, self.new], {})

    def state_forwards(self, app_label, state):
        for (model_app, model_name), model_state in list(state.models.items()):
            for name, field in list(model_state.fields.items()):
                target = getattr(field.remote_field, "model", None)
                if isinstance(target, str) and target.lower() == self.old:
                    _, _, args, kwargs = field.deconstruct()
                    kwargs["to"] = self.new
                    state.alter_field(
                        model_app, model_name, name, type(field)(*args, **kwargs), True
                    )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Point relations to {self.old} at {self.new}"


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0012_seo_fields"),
        ("people", "0001_initial"),
    ]

    operations = [
        require_applied(
            ("consultations", "0012_move_schedules_and_bookings_to_a_clinician"),
            ("practice", "0002_medical_review"),
        ),
        migrations.SeparateDatabaseAndState(
            # The tables and their foreign keys stay as they are.
            state_operations=[
                PointRelationsAt("blog.author", "people.author"),
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
