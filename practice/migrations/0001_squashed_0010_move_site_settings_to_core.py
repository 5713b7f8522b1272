"""The site's own pages (home, content pages, the accessibility statement), barrier
reports, and the content locales.

Squashes practice 0001-0010. The models that passed through this app and left (the site
settings and the practice's name to `core`, the medical review to `medical_review`) are made
by those apps' squashed migrations, where this app's old migrations did not make them. Kept
from the old migrations: the locales (0003). Left out, having nothing to do on a new
database: moving the name and tagline from the settings to their snippet (0005) and the
content types' moves (0009). Fields are in the order of the old tables' columns, so a new
database's tables are laid out as an upgraded one's.
The old migrations stay for databases migrated part-way before this squash: they can be
deleted, with `replaces`, once every deployment has applied this migration
(`showmigrations practice` marks it [X]).
"""

import django.db.models.deletion
import django.utils.timezone
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


LANGUAGES = ("en", "es")


def add_locales(apps, schema_editor):
    """The site's two content locales (practice 0003): English, the default, and Spanish.
    Wagtail's own migrations make one locale from LANGUAGE_CODE; one made while that was
    "en-us" becomes "en"."""
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code="en-us").update(language_code="en")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):

    replaces = [
        ('practice', '0001_initial'),
        ('practice', '0002_medical_review'),
        ('practice', '0003_locales'),
        ('practice', '0004_practiceidentity'),
        ('practice', '0005_practice_identity_from_settings'),
        ('practice', '0006_remove_practicesettings_wording'),
        ('practice', '0007_seo_fields'),
        ('practice', '0008_accessibility_statement_and_procedures'),
        ('practice', '0009_medical_review_moves_out'),
        ('practice', '0010_move_site_settings_to_core'),
    ]

    initial = True

    # Other apps' migrations by their old names, as the migrations replaced here named them:
    # Django reads each as that app's squashed migration where that one is used, and as the
    # old one where the app is migrated part-way (its squashed migration would stand for all
    # of its old ones there).
    dependencies = [
        ('core', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AccessibilityStatementPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(help_text="The practice's commitment, in one or two sentences, under the title.", max_length=600)),
                ('standard', models.CharField(default='WCAG 2.2 level AA', help_text='The standard the site is built and tested against.', max_length=80)),
                ('conformance', models.CharField(choices=[('full', 'Fully conforms'), ('partial', 'Partially conforms'), ('non', 'Does not conform')], default='partial', help_text='“Partially” while any known limitation below is open.', max_length=10)),
                ('how_tested', wagtail.fields.RichTextField(help_text='The automated checks, the keyboard and screen-reader checks, and how often.', verbose_name='how it is tested')),
                ('known_limitations', wagtail.fields.RichTextField(blank=True, help_text='What does not work yet for everyone, why, and what to do meanwhile.')),
                ('compatibility', wagtail.fields.RichTextField(blank=True, help_text='The browsers and assistive technologies checked, and what the site relies on (HTML, CSS; JavaScript only to enhance).', verbose_name='compatibility and technologies')),
                ('response_days', models.PositiveSmallIntegerField(default=2, help_text='How many business days the practice commits to answering a report in.', verbose_name='reply within (business days)')),
                ('other_formats', wagtail.fields.RichTextField(blank=True, help_text='E.g. forms read out by phone, large print, an interpreter at the visit.', verbose_name='other ways to get information')),
                ('complaints', wagtail.fields.RichTextField(blank=True, help_text='Where a visitor can take a complaint the practice did not resolve.', verbose_name='if you are not satisfied')),
                ('last_reviewed', models.DateField(help_text='When the statement and the site were last checked against the standard.')),
            ],
            options={
                'verbose_name': 'accessibility statement',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='BarrierReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('page_address', models.CharField(blank=True, help_text='Where you met the problem, if you know (optional).', max_length=300, verbose_name='page address')),
                ('description', models.TextField(help_text='What you were trying to do, and what got in the way.', max_length=2000, verbose_name='what happened')),
                ('name', models.CharField(blank=True, max_length=100, verbose_name='your name')),
                ('email', models.EmailField(blank=True, help_text='Optional: for our reply. Or give a phone number.', max_length=254, verbose_name='email')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('language', models.CharField(choices=[('en', 'English'), ('es', 'Español')], default='en', max_length=10)),
                ('status', models.CharField(choices=[('new', 'New'), ('answered', 'Answered'), ('fixed', 'Fixed'), ('closed', 'Closed without a fix')], default='new', max_length=10)),
                ('staff_note', models.TextField(blank=True, help_text='For staff only: what was done, and when.', verbose_name='internal note')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
            ],
            options={
                'verbose_name': 'accessibility report',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='ContentPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, help_text='Short summary shown under the title and in search.', max_length=500)),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 6), ('quote', 9), ('call_to_action', 14), ('featured', 21)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section heading (h2)'), ('h3', 'Sub-heading (h3)')], 'help_text': 'Use h2 for sections and h3 inside a section; the page title is the only h1.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul', 'h3', 'document-link'], 'template': 'practice/blocks/paragraph.html'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'help_text': 'Describe the image in its alt text unless it is decorative.'}), 5: ('wagtail.blocks.CharBlock', (), {'max_length': 250, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.blocks.TextBlock', (), {'max_length': 500}), 8: ('wagtail.blocks.CharBlock', (), {'max_length': 120, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('quote', 7), ('attribution', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'default': 'Talk to us about your goals', 'max_length': 120}), 11: ('wagtail.blocks.TextBlock', (), {'max_length': 400, 'required': False}), 12: ('wagtail.blocks.CharBlock', (), {'default': 'Book a consultation', 'max_length': 40}), 13: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'Leave empty to link to the consultation booking page.', 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('heading', 10), ('text', 11), ('button_label', 12), ('page', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'max_length': 80}), 16: ('wagtail.blocks.TextBlock', (), {'max_length': 300}), 17: ('wagtail.blocks.PageChooserBlock', (), {'required': False}), 18: ('wagtail.images.blocks.ImageBlock', [], {}), 19: ('wagtail.blocks.StructBlock', [[('title', 15), ('text', 16), ('page', 17), ('image', 18)]], {}), 20: ('wagtail.blocks.ListBlock', (19,), {'max_num': 6, 'min_num': 1}), 21: ('wagtail.blocks.StructBlock', [[('heading', 0), ('cards', 20)]], {})})),
                ('seo_canonical', models.URLField(blank=True, help_text="Only when this page copies another one: the full address search engines should list instead. Leave empty to use this page's own address.", max_length=500, verbose_name='canonical address')),
                ('seo_noindex', models.BooleanField(default=False, help_text='Asks search engines not to list this page (robots noindex) and leaves it out of the sitemap. Visitors can still open it.', verbose_name='hide from search engines')),
            ],
            options={
                'verbose_name': 'content page',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='HomePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('hero_heading', models.CharField(help_text="The large heading at the top of the home page (the page's only h1).", max_length=120)),
                ('hero_intro', models.TextField(blank=True, help_text='One or two sentences under the heading.', max_length=400)),
                ('hero_cta_label', models.CharField(default='Book a consultation', max_length=40)),
                ('body', wagtail.fields.StreamField([('featured', 7), ('paragraph', 8), ('call_to_action', 13), ('procedures', 19)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 1: ('wagtail.blocks.CharBlock', (), {'max_length': 80}), 2: ('wagtail.blocks.TextBlock', (), {'max_length': 300}), 3: ('wagtail.blocks.PageChooserBlock', (), {'required': False}), 4: ('wagtail.images.blocks.ImageBlock', [], {}), 5: ('wagtail.blocks.StructBlock', [[('title', 1), ('text', 2), ('page', 3), ('image', 4)]], {}), 6: ('wagtail.blocks.ListBlock', (5,), {'max_num': 6, 'min_num': 1}), 7: ('wagtail.blocks.StructBlock', [[('heading', 0), ('cards', 6)]], {}), 8: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'template': 'practice/blocks/paragraph.html'}), 9: ('wagtail.blocks.CharBlock', (), {'default': 'Talk to us about your goals', 'max_length': 120}), 10: ('wagtail.blocks.TextBlock', (), {'max_length': 400, 'required': False}), 11: ('wagtail.blocks.CharBlock', (), {'default': 'Book a consultation', 'max_length': 40}), 12: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'Leave empty to link to the consultation booking page.', 'required': False}), 13: ('wagtail.blocks.StructBlock', [[('heading', 9), ('text', 10), ('button_label', 11), ('page', 12)]], {}), 14: ('wagtail.blocks.CharBlock', (), {'default': 'Procedures', 'max_length': 120}), 15: ('wagtail.blocks.TextBlock', (), {'help_text': 'Optional sentence under the heading.', 'max_length': 300, 'required': False}), 16: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['procedures.ProcedurePage']}), 17: ('wagtail.blocks.ListBlock', (16,), {'help_text': "Choose and order the procedures to show. Leave empty to show every live procedure, in the order of the procedures list. Each shows in the page's language.", 'max_num': 9, 'required': False}), 18: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'help_text': 'Link the before/after gallery under the cards.', 'required': False}), 19: ('wagtail.blocks.StructBlock', [[('heading', 14), ('intro', 15), ('procedures', 17), ('show_gallery_link', 18)]], {})}, help_text='Featured content below the hero.')),
                ('hero_cta_page', models.ForeignKey(blank=True, help_text='Where the hero button leads. Leave empty for the booking page.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                ('hero_image', models.ForeignKey(blank=True, help_text='Large image beside the heading. Set its alt text in the image library.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
            ],
            options={
                'verbose_name': 'home page',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.RunPython(add_locales, migrations.RunPython.noop),
    ]
