"""PracticeSettings and PracticeIdentity now belong to the `core` app (core/migrations/0001,
which keeps their rows): this only takes them out of this app's state."""

from django.db import migrations


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
    ]
