"""Clinicians move to the people app, keeping their table and rows (consultations_clinician):
only Django's record of the model changes, and its content type follows, so permissions
(the front desk's), log entries and references follow too.

Which procedures a clinician consults on stays here, declared by the procedure
(`Procedure.clinicians`) in the same table (consultations_clinician_procedures, with the
same clinician_id and procedure_id columns), so the people app depends on no booking model."""

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
        ("consultations", "0015_outbox_lease_and_message_id"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables and their foreign keys stay as they are.
            state_operations=[
                migrations.AlterField(
                    model_name="schedulerule",
                    name="clinician",
                    field=models.ForeignKey(
                        help_text="Whose session this is.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedule_rules",
                        to="people.clinician",
                    ),
                ),
                migrations.AlterField(
                    model_name="consultationrequest",
                    name="clinician",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bookings",
                        to="people.clinician",
                    ),
                ),
                migrations.AlterField(
                    model_name="scheduleexception",
                    name="clinician",
                    field=models.ForeignKey(
                        help_text="Whose session this is.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedule_exceptions",
                        to="people.clinician",
                    ),
                ),
                migrations.DeleteModel(name="Clinician"),
                migrations.AddField(
                    model_name="procedure",
                    name="clinicians",
                    field=models.ManyToManyField(
                        blank=True,
                        db_table="consultations_clinician_procedures",
                        help_text="Who consults on it. A clinician with no procedures consults "
                        "on every one.",
                        related_name="procedures",
                        to="people.clinician",
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            rename_content_type("consultations", "people", "clinician"),
            rename_content_type("people", "consultations", "clinician"),
        ),
    ]
