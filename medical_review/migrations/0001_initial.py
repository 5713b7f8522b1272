"""The medical review record becomes this app's, in its table from the core
(practice_medicalreview): Django's record of the model only. practice 0009 handed it over
(and renamed its content type) first."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    # It named ('practice', '0009_medical_review_moves_out') too: an app's migrations name no
    # app above its own since the squash (0001_squashed_0001_initial), and this one never
    # runs again (a database without it runs the squashed one).
    dependencies = [
        ('people', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables exist (db_table): only Django's record of the models changes.
            state_operations=[
                migrations.CreateModel(
                    name='MedicalReview',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reviewed_on', models.DateField(help_text='The approval date shown on the page.')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='medical_reviews', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('reviewer', models.ForeignKey(blank=True, help_text="The approving physician's author profile, named on the page.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='medical_reviews', to='people.author')),
                        ('revision', models.ForeignKey(blank=True, help_text='The revision the physician approved.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision')),
                    ],
                    options={
                        'db_table': 'practice_medicalreview',
                        'ordering': ['-reviewed_on', '-pk'],
                        'indexes': [models.Index(fields=['page', 'revision'], name='practice_me_page_id_189fb9_idx')],
                    },
                ),
            ],
        ),
    ]
