"""Procedure pages, the before/after gallery and its consented cases.

Squashes procedures 0001-0003 so that procedures' migrations name no app above it (0001 named
the blog's authors, 0003 the review table `practice` built). 0003 moved reviews typed into the
page's old fields to the medical review table: a new database has none to move.
The old migrations stay for databases migrated part-way before this squash: they can be
deleted, with `replaces`, once every deployment has applied this migration
(`showmigrations procedures` marks it [X]).
"""

import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
import procedures.photos
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('procedures', '0001_initial'),
        ('procedures', '0002_before_after_cases_with_consent'),
        ('procedures', '0003_reviews_from_approvals'),
    ]

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.CreateModel(
            name='GalleryPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='A short paragraph above the results, e.g. that results vary.')),
            ],
            options={
                'verbose_name': 'before/after gallery',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='ProcedureIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='A short paragraph under the heading of the procedures list.')),
            ],
            options={
                'verbose_name': 'procedures index',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='BeforeAfterCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('time_after', models.PositiveSmallIntegerField(help_text='How long after treatment the after photos were taken.', verbose_name='time since treatment')),
                ('time_after_unit', models.CharField(choices=[('day', 'days'), ('week', 'weeks'), ('month', 'months'), ('year', 'years')], default='month', max_length=10, verbose_name='unit')),
                ('note', models.CharField(blank=True, help_text='Optional short note, e.g. “Upper lids only”. Never a name or anything that identifies the patient.', max_length=300)),
                ('published', models.BooleanField(default=False, help_text="Show the case on the site. It is shown only while the patient's consent is valid, whatever this says.")),
                ('sort_order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first in the gallery.')),
                ('consent_website', models.BooleanField(default=False, help_text='The patient agreed to the photos on this website.', verbose_name='website')),
                ('consent_social', models.BooleanField(default=False, help_text='The patient agreed to social media use.', verbose_name='social media')),
                ('consent_given_on', models.DateField(blank=True, null=True, verbose_name='consent given on')),
                ('consent_expires_on', models.DateField(blank=True, help_text='The first day the consent no longer holds. Empty if it does not expire.', null=True, verbose_name='consent expires on')),
                ('consent_withdrawn_on', models.DateField(blank=True, help_text='Set when the patient withdraws consent: the case leaves the site at once and its resized photos are deleted.', null=True, verbose_name='consent withdrawn on')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('consent_form', models.ForeignKey(blank=True, help_text='The signed consent form, in the private “Consent forms” collection. Without it the case is never shown.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document')),
            ],
            options={
                'verbose_name': 'before/after case',
                'ordering': ['sort_order', '-created_at'],
                'permissions': [('manage_consent', 'Can record patient consent and open consent forms')],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='GallerySettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('noimageindex', models.BooleanField(default=True, help_text='Sends “X-Robots-Tag: noimageindex” with gallery pages and “noindex” with their photos, so patient photos stay out of image search.', verbose_name='ask search engines not to index gallery photos')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'gallery settings',
            },
        ),
        migrations.CreateModel(
            name='PhotoPair',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('angle', models.CharField(default='Front', help_text='The view, e.g. “Front”, “Left profile”.', max_length=40)),
                ('before_photo', models.ImageField(help_text='A JPEG or PNG. Location, camera and date data are removed when it is saved.', storage=procedures.photos.patient_photo_storage, upload_to='originals/')),
                ('before_alt', models.CharField(help_text='Describe what the photo shows for people who cannot see it.', max_length=200, verbose_name='before photo alt text')),
                ('after_photo', models.ImageField(help_text='A JPEG or PNG. Location, camera and date data are removed when it is saved.', storage=procedures.photos.patient_photo_storage, upload_to='originals/')),
                ('after_alt', models.CharField(help_text='Describe what the photo shows, and what changed.', max_length=200, verbose_name='after photo alt text')),
                ('case', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='photo_pairs', to='procedures.beforeaftercase')),
            ],
            options={
                'verbose_name': 'photo pair',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ProcedurePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('summary', models.TextField(help_text='One or two sentences on what the procedure does. Shown under the title, on the procedures list and as the search description when none is set.', max_length=400)),
                ('kind', models.CharField(choices=[('surgical', 'Surgical'), ('percutaneous', 'Injection (through the skin)'), ('noninvasive', 'Non-invasive')], default='surgical', help_text='How the procedure is done, for search engines (structured data).', max_length=20)),
                ('body_location', models.CharField(help_text='The part of the face treated, in plain words, e.g. “Upper and lower eyelids”.', max_length=120)),
                ('who_it_suits', wagtail.fields.RichTextField(help_text='Who is usually a good candidate, and who is not.', verbose_name='who it suits')),
                ('how_it_is_done', wagtail.fields.RichTextField(help_text='Anaesthesia, incisions or injection sites, and how long it takes.', verbose_name='how it is done')),
                ('preparation', wagtail.fields.RichTextField(help_text='What the patient does in the weeks before.')),
                ('recovery', wagtail.fields.StreamField([('step', 4)], blank=True, block_lookup={0: ('wagtail.blocks.IntegerBlock', (), {'help_text': 'How long after the procedure, e.g. 2 for “2 weeks”. 0 means the day of it.', 'max_value': 365, 'min_value': 0}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('day', 'Day'), ('week', 'Week'), ('month', 'Month')], 'help_text': 'Days, weeks or months after the procedure.'}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': 'What happens then, e.g. “Stitches out”.', 'max_length': 100}), 3: ('wagtail.blocks.TextBlock', (), {'help_text': 'One or two plain sentences.', 'max_length': 500}), 4: ('wagtail.blocks.StructBlock', [[('amount', 0), ('unit', 1), ('title', 2), ('text', 3)]], {})}, help_text='The recovery timeline, one step per day, week or month, in order.')),
                ('risks', wagtail.fields.RichTextField(help_text='The common and the serious risks, stated plainly.')),
                ('price_from', models.PositiveIntegerField(blank=True, help_text='Optional. Lowest usual fee in US dollars; leave both empty to show no price.', null=True)),
                ('price_to', models.PositiveIntegerField(blank=True, help_text='Optional. Highest usual fee in US dollars.', null=True)),
                ('price_note', models.CharField(blank=True, help_text='Optional line under the price, e.g. “Includes surgeon, anaesthesia and facility fees”.', max_length=200)),
                ('faq', wagtail.fields.StreamField([('question', 2)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'Phrase it as a patient would ask it.', 'max_length': 200}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul']}), 2: ('wagtail.blocks.StructBlock', [[('question', 0), ('answer', 1)]], {})}, help_text='Questions patients ask about this procedure. Also given to search engines.', verbose_name='FAQ')),
            ],
            options={
                'verbose_name': 'procedure',
                'constraints': [models.CheckConstraint(condition=models.Q(('price_to__isnull', True), models.Q(('price_from__isnull', False), ('price_to__gte', models.F('price_from'))), _connector='OR'), name='procedure_price_range_in_order')],
            },
            bases=('wagtailcore.page',),
        ),
        migrations.AddField(
            model_name='beforeaftercase',
            name='procedure',
            field=models.ForeignKey(help_text='The procedure the photos show.', on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='procedures.procedurepage'),
        ),
        migrations.AddConstraint(
            model_name='beforeaftercase',
            constraint=models.CheckConstraint(condition=models.Q(('consent_expires_on__isnull', True), ('consent_given_on__isnull', True), ('consent_expires_on__gt', models.F('consent_given_on')), _connector='OR'), name='case_consent_expires_after_given'),
        ),
    ]
