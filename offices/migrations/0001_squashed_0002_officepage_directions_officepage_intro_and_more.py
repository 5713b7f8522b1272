"""Offices: the index, the office pages, their hours, exceptions and gallery.

Squashes offices 0001-0002, with the fields in the order of the old tables' columns so that a
new database's tables are laid out as an upgraded one's.
The old migrations stay for databases migrated part-way before this squash: they can be
deleted, with `replaces`, once every deployment has applied this migration
(`showmigrations offices` marks it [X]).
"""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import phonenumber_field.modelfields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('offices', '0001_initial'),
        ('offices', '0002_officepage_directions_officepage_intro_and_more'),
    ]

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.CreateModel(
            name='OfficeIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                'verbose_name': 'office index page',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='OfficePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('address_line_1', models.CharField(max_length=120, verbose_name='street address')),
                ('address_line_2', models.CharField(blank=True, help_text='Suite, floor or building.', max_length=120, verbose_name='address line 2')),
                ('city', models.CharField(max_length=80)),
                ('region', models.CharField(default='CA', help_text='For example CA.', max_length=40, verbose_name='state')),
                ('postal_code', models.CharField(max_length=20, verbose_name='ZIP code')),
                ('country', models.CharField(default='US', help_text='Two-letter country code, for example US.', max_length=2)),
                ('phone', phonenumber_field.modelfields.PhoneNumberField(help_text='Main office number, for example (310) 555-0142.', max_length=128, region=None)),
                ('email', models.EmailField(blank=True, help_text='Office inbox; also receives new-booking notifications.', max_length=254)),
                ('latitude', models.DecimalField(decimal_places=6, help_text='Between -90 and 90, for example 34.066750.', max_digits=9, validators=[django.core.validators.MinValueValidator(-90), django.core.validators.MaxValueValidator(90)])),
                ('longitude', models.DecimalField(decimal_places=6, help_text='Between -180 and 180, for example -118.387400.', max_digits=9, validators=[django.core.validators.MinValueValidator(-180), django.core.validators.MaxValueValidator(180)])),
                ('directions', wagtail.fields.RichTextField(blank=True, help_text='Parking, building access and how to find the suite.')),
                ('intro', models.TextField(blank=True, help_text='One or two sentences about this office.', max_length=400)),
            ],
            options={
                'verbose_name': 'office page',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='OfficeGalleryImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('caption', models.CharField(blank=True, max_length=200)),
                ('image', models.ForeignKey(help_text="Set the image's alt text (description) in the image library.", on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailimages.image')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='gallery_images', to='offices.officepage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='HoursException',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('date', models.DateField()),
                ('closed', models.BooleanField(default=True, help_text='Untick to give special hours instead.')),
                ('opens', models.TimeField(blank=True, null=True)),
                ('closes', models.TimeField(blank=True, null=True)),
                ('note', models.CharField(blank=True, help_text='For example Thanksgiving.', max_length=120)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='hours_exceptions', to='offices.officepage')),
            ],
            options={
                'verbose_name': 'hours exception',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='OpeningHours',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('weekday', models.PositiveSmallIntegerField(choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')], help_text='Day of the week.')),
                ('opens', models.TimeField(help_text='For example 09:00.')),
                ('closes', models.TimeField(help_text='For example 17:30. Must be after opening.')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='opening_hours', to='offices.officepage')),
            ],
            options={
                'verbose_name': 'opening hours row',
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.CheckConstraint(condition=models.Q(('closes__gt', models.F('opens'))), name='hours_close_after_open')],
            },
        ),
    ]
