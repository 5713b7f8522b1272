"""Every session names its clinician; every booked time names one too (callbacks need none)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consultations", "0012_move_schedules_and_bookings_to_a_clinician")]

    operations = [
        migrations.AlterField(
            model_name="schedulerule",
            name="clinician",
            field=models.ForeignKey(
                help_text="Whose session this is.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="schedule_rules",
                to="consultations.clinician",
            ),
        ),
        migrations.AlterField(
            model_name="scheduleexception",
            name="clinician",
            field=models.ForeignKey(
                help_text="Whose session this is.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="schedule_exceptions",
                to="consultations.clinician",
            ),
        ),
        migrations.AddConstraint(
            model_name="consultationrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("starts_at__isnull", True), ("clinician__isnull", False), _connector="OR"
                ),
                name="booked_time_names_clinician",
            ),
        ),
    ]
