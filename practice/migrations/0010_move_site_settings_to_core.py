"""PracticeSettings and PracticeIdentity now belong to the `core` app (core/migrations/0001,
which keeps their rows): this takes them out of this app's state.

Since core's squashed migration (which cannot wait for practice 0008, an app above it), a
database that ran practice's old migrations only up to before 0008 gets core's table names
and content types here instead, once 0008 has changed the tables: a no-op everywhere else."""

from django.db import migrations

from core.migration_helpers import move_site_settings_to_core


class Migration(migrations.Migration):

    dependencies = [
        ('practice', '0009_medical_review_moves_out'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='PracticeIdentity'),
                migrations.DeleteModel(name='PracticeSettings'),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_site_settings_to_core, migrations.RunPython.noop),
    ]
