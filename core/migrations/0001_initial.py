"""PracticeSettings and PracticeIdentity move here from `practice`, with their rows.

The models join this app's state as they are (their tables under the old names), then the
tables take this app's names, and the content types follow, so permissions, revisions, the
audit log, translations and the reference index keep pointing at the same rows. Reversible:
`migrate core zero` undoes this and practice 0010 (`migrate practice 0008` alone would not).
"""

import django.db.models.deletion
import phonenumber_field.modelfields
import uuid
from django.conf import settings
from django.db import migrations, models

MODELS = ("practicesettings", "practiceidentity")


def relabel_content_types(old_label, new_label):
    def relabel(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        types = ContentType.objects.using(schema_editor.connection.alias)
        for model in MODELS:
            # A database migrated from scratch has no row yet (post_migrate makes it), and
            # one whose row already has the new label needs nothing.
            if not types.filter(app_label=new_label, model=model).exists():
                types.filter(app_label=old_label, model=model).update(app_label=new_label)

    return relabel


class Migration(migrations.Migration):

    initial = True

    # It named ('practice', '0008_accessibility_statement_and_procedures') too, the tables'
    # last change there: an app's migrations name no app above its own since the squash
    # (0001_squashed_0001_initial), and this one never runs again (a database without it runs
    # the squashed one, which renames the tables once practice 0008 is applied, or leaves
    # that to practice 0010).
    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
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
                        ('accessibility_statement_page', models.ForeignKey(blank=True, help_text="Linked from every page's footer, in the visitor's language.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('booking_page', models.ForeignKey(blank=True, help_text='The page that hosts the consultation booking flow.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('default_share_image', models.ForeignKey(blank=True, help_text='Used for social sharing when a page has no image of its own.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                        ('privacy_policy_page', models.ForeignKey(blank=True, help_text='Linked from the footer and the consent box on the booking form.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
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
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='practicesettings', table=None),
        migrations.AlterModelTable(name='practiceidentity', table=None),
        migrations.RunPython(
            relabel_content_types("practice", "core"), relabel_content_types("core", "practice")
        ),
    ]
