"""The medical review record (medical_review.models), in the table `practice` built
(practice_medicalreview).

Squashes medical_review's one old migration (which only took the model over) so that its
migrations name no app above it. The old migration stays for databases migrated part-way
before this squash: it can be deleted, with `replaces` and the old-home handling below, once
every deployment has applied this migration (`showmigrations medical_review` marks it [X]).

On a new database the table is made here. Where `practice` ran its old migrations, these made
(or will make) it and hand it over (practice 0009): here only Django's record of the model
changes, as in the old migration.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_helpers import TablesFromOldHome


class Migration(migrations.Migration):

    replaces = [
        ('medical_review', '0001_initial'),
    ]

    initial = True

    # Other apps' migrations by their old names, as the migrations replaced here named them:
    # Django reads each as that app's squashed migration where that one is used, and as the
    # old one where the app is migrated part-way (its squashed migration would stand for all
    # of its old ones there).
    dependencies = [
        ('people', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        TablesFromOldHome('practice', '0002_medical_review', ['practice_medicalreview'], [
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
        ]),
    ]
