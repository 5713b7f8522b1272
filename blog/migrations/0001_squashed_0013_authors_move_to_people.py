"""Articles, their categories, tags and authors, and the blog index.

Squashes blog 0001-0013 so that the blog's migrations name no app above it but `procedures`:
an article names the procedure pages it is about (`BlogPage.procedures`), so this needs them
to exist. What a new database does not need is left out: 0006 moved reviews typed into the
old fields to the medical review table, 0008 gave existing authors and categories a locale,
0013 moved the authors' content type to `people`; a new database has no such rows.
Fields are in the order of the old tables' columns, so a new database's tables are laid out
as an upgraded one's.
The old migrations stay for databases migrated part-way before this squash: they can be
deleted, with `replaces`, once every deployment has applied this migration
(`showmigrations blog` marks it [X]).
"""

import django.db.models.constraints
import django.db.models.deletion
import django.utils.timezone
import modelcluster.contrib.taggit
import modelcluster.fields
import uuid
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('blog', '0001_initial'),
        ('blog', '0002_authors_categories_articles'),
        ('blog', '0003_editor_help_text'),
        ('blog', '0004_blogpage_procedures'),
        ('blog', '0005_author_staff_account'),
        ('blog', '0006_reviews_from_approvals'),
        ('blog', '0007_translatable_snippets_bootstrap'),
        ('blog', '0008_bootstrap_snippet_locales'),
        ('blog', '0009_translatable_snippets'),
        ('blog', '0010_author_account_per_language'),
        ('blog', '0011_author_once_per_page_at_commit'),
        ('blog', '0012_seo_fields'),
        ('blog', '0013_authors_move_to_people'),
    ]

    initial = True

    # Other apps' migrations by their old names, as the migrations replaced here named them:
    # Django reads each as that app's squashed migration where that one is used, and as the
    # old one where the app is migrated part-way (its squashed migration would stand for all
    # of its old ones there).
    dependencies = [
        ('people', '0001_initial'),
        ('procedures', '0001_initial'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.CreateModel(
            name='BlogIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='A sentence or two at the top of the blog; also its search description when none is set in the Promote tab.')),
            ],
            options={
                'verbose_name': 'blog index page',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='BlogCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text="Shown on article pages, in the category menu and as the listing's heading.", max_length=80)),
                ('slug', models.SlugField(help_text="Used in the category's address: /blog/category/<slug>/.")),
                ('description', models.TextField(blank=True, help_text="Shown at the top of the category's listing.", max_length=400)),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
            ],
            options={
                'verbose_name': 'blog category',
                'verbose_name_plural': 'blog categories',
                'ordering': ['name'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='BlogPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('lede', models.TextField(help_text='One or two sentences summarising the article. Shown under the title, on cards, in feeds and as the search description when none is set.', max_length=400)),
                ('date', models.DateField(default=django.utils.timezone.localdate, help_text='Shown on the article and used to order the blog. Defaults to today. A later date does not schedule the article: to publish it later, use “Set schedule” in the Status side panel to pick a go-live date, then “Schedule to publish”.', verbose_name='publication date')),
                ('hero_alt', models.CharField(blank=True, help_text='Required with a hero image: describe what it shows for people who cannot see it.', max_length=200, verbose_name='hero image alt text')),
                ('hero_caption', models.CharField(blank=True, help_text='Optional line under the hero image, e.g. credit or what it shows. Not a replacement for the alt text.', max_length=250)),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('bullets', 6), ('image', 9), ('quote', 12), ('call_to_action', 17), ('faq', 23)], block_lookup={0: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section heading (h2)'), ('h3', 'Sub-heading (h3)')], 'help_text': 'Use h2 for sections and h3 inside a section; the page title is the only h1.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul', 'document-link'], 'template': 'practice/blocks/paragraph.html'}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Item', 'max_length': 300}), 5: ('wagtail.blocks.ListBlock', (4,), {'help_text': 'One point per item; keep each to a sentence or two.', 'min_num': 1}), 6: ('wagtail.blocks.StructBlock', [[('items', 5)]], {}), 7: ('wagtail.images.blocks.ImageBlock', [], {'help_text': 'Describe the image in its alt text unless it is decorative.'}), 8: ('wagtail.blocks.CharBlock', (), {'max_length': 250, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('image', 7), ('caption', 8)]], {}), 10: ('wagtail.blocks.TextBlock', (), {'max_length': 500}), 11: ('wagtail.blocks.CharBlock', (), {'max_length': 120, 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('quote', 10), ('attribution', 11)]], {}), 13: ('wagtail.blocks.CharBlock', (), {'default': 'Talk to us about your goals', 'max_length': 120}), 14: ('wagtail.blocks.TextBlock', (), {'max_length': 400, 'required': False}), 15: ('wagtail.blocks.CharBlock', (), {'default': 'Book a consultation', 'max_length': 40}), 16: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'Leave empty to link to the consultation booking page.', 'required': False}), 17: ('wagtail.blocks.StructBlock', [[('heading', 13), ('text', 14), ('button_label', 15), ('page', 16)]], {}), 18: ('wagtail.blocks.CharBlock', (), {'default': 'Frequently asked questions', 'max_length': 120}), 19: ('wagtail.blocks.CharBlock', (), {'help_text': 'Phrase it as a patient would ask it.', 'max_length': 200}), 20: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul']}), 21: ('wagtail.blocks.StructBlock', [[('question', 19), ('answer', 20)]], {}), 22: ('wagtail.blocks.ListBlock', (21,), {'min_num': 1}), 23: ('wagtail.blocks.StructBlock', [[('heading', 18), ('questions', 22)]], {})}, help_text='The article itself.')),
                ('reading_minutes', models.PositiveSmallIntegerField(default=1, editable=False, help_text='Computed from the body when saved.')),
                ('hero_image', models.ForeignKey(blank=True, help_text='Wide image at the top of the article and on cards (at least 1200px wide).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                ('seo_canonical', models.URLField(blank=True, help_text="Only when this page copies another one: the full address search engines should list instead. Leave empty to use this page's own address.", max_length=500, verbose_name='canonical address')),
                ('seo_noindex', models.BooleanField(default=False, help_text='Asks search engines not to list this page (robots noindex) and leaves it out of the sitemap. Visitors can still open it.', verbose_name='hide from search engines')),
                ('categories', modelcluster.fields.ParentalManyToManyField(blank=True, help_text='One or two broad topics; each category has its own listing and feed.', related_name='articles', to='blog.blogcategory')),
                ('procedures', modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The procedures the article is about. It links to each, and each procedure page lists it.', related_name='articles', to='procedures.procedurepage')),
            ],
            options={
                'verbose_name': 'article',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='BlogPageAuthor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('author', models.ForeignKey(help_text='Pick from Authors.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.author')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='article_authors', to='blog.blogpage')),
            ],
            options={
                'verbose_name': 'article author',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='BlogPageTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='blog.blogpage')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='blogpage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='Specific subjects, e.g. eyelids, recovery. Used for related articles.', through='blog.BlogPageTag', to='taggit.Tag', verbose_name='Tags'),
        ),
        migrations.AddConstraint(
            model_name='blogcategory',
            constraint=models.UniqueConstraint(fields=('slug', 'locale'), name='blog_category_slug_per_locale'),
        ),
        migrations.AddConstraint(
            model_name='blogcategory',
            constraint=models.UniqueConstraint(fields=('name', 'locale'), name='blog_category_name_per_locale'),
        ),
        migrations.AlterUniqueTogether(
            name='blogcategory',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AddConstraint(
            model_name='blogpageauthor',
            constraint=models.UniqueConstraint(deferrable=django.db.models.constraints.Deferrable['DEFERRED'], fields=('page', 'author'), name='blog_author_once_per_page'),
        ),
    ]
