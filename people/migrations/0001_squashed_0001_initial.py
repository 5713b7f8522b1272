"""Authors and clinicians (people.models), in the tables the blog and the booking app built
(blog_author, consultations_clinician).

Squashes people's one old migration (which only took the models over) so that its
migrations name no app above it. The old migration stays for databases migrated part-way
before this squash: it can be deleted, with `replaces` and the old-home handling below, once
every deployment has applied this migration (`showmigrations people` marks it [X]).

On a new database the tables are made here. Where the blog or the booking app ran their old
migrations, these made (or will make) the tables and hand them over (blog 0013, consultations
0016): here only Django's record of the models changes, as in the old migration.
"""

import django.db.models.deletion
import modelsearch.index
import uuid
from django.conf import settings
from django.db import migrations, models

from core.migration_helpers import TablesFromOldHome


class Migration(migrations.Migration):

    replaces = [
        ('people', '0001_initial'),
    ]

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        TablesFromOldHome('blog', '0002_authors_categories_articles', ['blog_author'], [
            migrations.CreateModel(
                name='Author',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(help_text='Full name as patients should see it.', max_length=120)),
                    ('slug', models.SlugField(help_text="Used in the address of the author's page, e.g. jane-doe. A translation may keep it or take its own.")),
                    ('credentials', models.CharField(blank=True, help_text='Letters after the name, e.g. MD, FACS or RN.', max_length=60)),
                    ('role', models.CharField(blank=True, help_text='Job title shown under the name, e.g. Board-certified facial plastic surgeon.', max_length=120)),
                    ('bio', models.TextField(blank=True, help_text='Two or three sentences shown in the author box.', max_length=800)),
                    ('is_physician', models.BooleanField(default=False, help_text='Tick for licensed physicians: search engines are told this author is a doctor.')),
                    ('medical_specialty', models.CharField(blank=True, default='PlasticSurgery', help_text='schema.org medical specialty for physicians, e.g. PlasticSurgery.', max_length=60)),
                    ('photo', models.ForeignKey(blank=True, help_text='A head-and-shoulders portrait. Set its alt text in the image library.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                    ('profile_page', models.ForeignKey(blank=True, help_text="Optional page with the author's full biography (e.g. the About page).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                    ('user', models.ForeignKey(blank=True, help_text='For physicians: their admin account. Their approvals of articles and procedure pages name this profile as the medical reviewer.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='author_profiles', to=settings.AUTH_USER_MODEL, verbose_name='staff account')),
                    ('weekly_review_digest', models.BooleanField(default=False, help_text='Email the linked account a weekly list of pages awaiting or due for medical review (titles and admin links only).')),
                    ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ],
                options={
                    'db_table': 'blog_author',
                    'ordering': ['name'],
                    'abstract': False,
                },
                bases=(modelsearch.index.Indexed, models.Model),
            ),
            migrations.AddConstraint(
                model_name='author',
                constraint=models.UniqueConstraint(fields=('slug', 'locale'), name='blog_author_slug_per_locale'),
            ),
            migrations.AddConstraint(
                model_name='author',
                constraint=models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('user', 'locale'), name='blog_author_one_profile_per_account_and_locale'),
            ),
            migrations.AlterUniqueTogether(
                name='author',
                unique_together={('translation_key', 'locale')},
            ),
        ]),
        TablesFromOldHome('consultations', '0011_clinicians', ['consultations_clinician'], [
            migrations.CreateModel(
                name='Clinician',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(help_text='As patients see it on the booking form and in their emails, e.g. Dr. Jane Doe.', max_length=120)),
                    ('role', models.CharField(choices=[('surgeon', 'Surgeon'), ('nurse_injector', 'Nurse injector'), ('physician_assistant', 'Physician assistant')], default='surgeon', max_length=30)),
                    ('sort_order', models.PositiveSmallIntegerField(default=0, help_text='Order on the booking form; “first available” breaks ties in this order.')),
                    ('active', models.BooleanField(default=True, help_text='Untick to stop offering them for new bookings.')),
                    ('author', models.OneToOneField(blank=True, help_text='Their author profile (in English), if they have one: its page then offers “Book with …”. Leave empty for staff without a public profile.', limit_choices_to={'locale__language_code': 'en'}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='clinician', to='people.author', verbose_name='public profile')),
                ],
                options={
                    'db_table': 'consultations_clinician',
                    'ordering': ['sort_order', 'name', 'pk'],
                },
            ),
        ]),
    ]
