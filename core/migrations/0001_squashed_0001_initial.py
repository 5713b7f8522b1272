"""The site settings and the practice's name per language (core.site_settings).

Squashes core's one old migration, which took these models over from `practice` (its
migrations 0001-0010 built and renamed the tables), so that core's migrations name no app
above it. The old migration stays for databases migrated part-way before this squash: it can
be deleted, with `replaces` and the old-home handling below, once every deployment has
applied this migration (`showmigrations core` marks it [X]).

On a new database the tables are made here: under their first names and renamed, as the old
migrations did, so their indexes, constraints and sequences are named as on an upgraded one.
Where `practice` ran its old migrations these made the tables: they take core's names here
once practice 0008 (their last change) is applied, else in practice 0010.
"""

import django.db.models.deletion
import phonenumber_field.modelfields
import uuid
from django.conf import settings
from django.db import migrations, models

from core.migration_helpers import (
    TablesFromOldHome,
    applied,
    move_site_settings_back_to_practice,
    move_site_settings_to_core,
)

LAST_CHANGE = ("practice", "0008_accessibility_statement_and_procedures")
MODELS = ("PracticeSettings", "PracticeIdentity")
# practice 0001 built the settings' table (0004 the names'), which core 0001 renamed.
OLD_AND_NEW_TABLES = ["practice_practicesettings", "core_practicesettings"]


def create_tables(apps, schema_editor):
    """The tables under their first names, in a schema editor of their own: their indexes
    and constraints are made, and named, before the tables take core's names."""
    with schema_editor.connection.schema_editor() as editor:
        for name in MODELS:
            editor.create_model(apps.get_model("core", name))


def drop_tables(apps, schema_editor):
    for name in reversed(MODELS):
        schema_editor.delete_model(apps.get_model("core", name))


def adopt_practice_tables(apps, schema_editor):
    if LAST_CHANGE in applied(schema_editor.connection):
        move_site_settings_to_core(apps, schema_editor)


def return_practice_tables(apps, schema_editor):
    if LAST_CHANGE in applied(schema_editor.connection):
        move_site_settings_back_to_practice(apps, schema_editor)


class Migration(migrations.Migration):

    replaces = [
        ('core', '0001_initial'),
    ]

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='PracticeSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('main_phone', phonenumber_field.modelfields.PhoneNumberField(blank=True, help_text="The practice's main number, for example (310) 555-0100.", max_length=128, region=None)),
                    ('email', models.EmailField(blank=True, help_text='Public contact address shown on the site.', max_length=254)),
                    ('instagram_url', models.URLField(blank=True)),
                    ('facebook_url', models.URLField(blank=True)),
                    ('youtube_url', models.URLField(blank=True)),
                    ('tiktok_url', models.URLField(blank=True)),
                    ('booking_page', models.ForeignKey(blank=True, help_text='The page that hosts the consultation booking flow.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                    ('default_share_image', models.ForeignKey(blank=True, help_text='Used for social sharing when a page has no image of its own.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                    ('privacy_policy_page', models.ForeignKey(blank=True, help_text='Linked from the footer and the consent box on the booking form.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                    ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ('accessibility_statement_page', models.ForeignKey(blank=True, help_text="Linked from every page's footer, in the visitor's language.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                ],
                options={
                    'verbose_name': 'practice settings',
                    'db_table': 'practice_practicesettings',
                },
            ),
            migrations.CreateModel(
                name='PracticeIdentity',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                    ('name', models.CharField(help_text="The practice's name as visitors read it in the header, the footer, page titles and emails.", max_length=120)),
                    ('tagline', models.CharField(blank=True, help_text='One short line under the name in the footer, e.g. what the practice does and where.', max_length=160)),
                    ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ],
                options={
                    'verbose_name': 'practice name',
                    'verbose_name_plural': 'practice name',
                    'db_table': 'practice_practiceidentity',
                    'abstract': False,
                    'constraints': [models.UniqueConstraint(fields=('locale',), name='practice_identity_one_per_locale')],
                    'unique_together': {('translation_key', 'locale')},
                },
            ),
        ]),
        TablesFromOldHome('practice', '0001_initial', OLD_AND_NEW_TABLES, [
            migrations.RunPython(create_tables, drop_tables),
            migrations.AlterModelTable(name='practicesettings', table=None),
            migrations.AlterModelTable(name='practiceidentity', table=None),
        ]),
        migrations.RunPython(adopt_practice_tables, return_practice_tables),
    ]
