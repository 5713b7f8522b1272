"""Bookings: the booking page and rules, consultation requests, their notes and
notifications, schedules and the procedures offered.

Squashes consultations 0001-0016 so that the booking app's migrations name no app above it.
Clinicians are `people`'s, made by its squashed migration, which runs first. Kept from the old
migrations: the no-overlap exclusion constraint (0004, PostgreSQL only). Left out, having
nothing to do on a new database: join links for existing video bookings (0006), moving
existing schedules and bookings to a clinician (0012) and the clinician's content type (0016).
Fields are in the order of the old tables' columns, and the clinicians' procedures table is
made as 0011 made it, so a new database's tables are laid out as an upgraded one's.
The old migrations stay for databases migrated part-way before this squash: they can be
deleted, with `replaces`, once every deployment has applied this migration
(`showmigrations consultations` marks it [X]).
"""

import consultations.models.bookings
import consultations.models.site_settings
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import phonenumber_field.modelfields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

# From consultations 0004: on PostgreSQL, no two active bookings of one calendar overlap.
# SQLite has no exclusion constraints and keeps `one_active_booking_per_slot` only, so this is
# SQL, not a constraint on the model. timestamptz + interval is only STABLE in PostgreSQL;
# adding whole minutes does not depend on the time zone, so this wrapper is honestly
# IMMUTABLE, which an index expression requires. The statuses are ACTIVE_STATUSES at the
# time of writing (a migration keeps its own copy).
CREATE_SPAN = """
CREATE OR REPLACE FUNCTION consultations_booking_span(starts_at timestamptz, minutes integer)
RETURNS tstzrange LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT tstzrange(starts_at, starts_at + make_interval(mins => minutes), '[)') $$
"""
ADD_CONSTRAINT = """
ALTER TABLE consultations_consultationrequest
ADD CONSTRAINT no_overlapping_active_bookings EXCLUDE USING gist (
    resource_key WITH =,
    consultations_booking_span(starts_at, duration_minutes) WITH &&
) WHERE (status IN ('new', 'confirmed') AND starts_at IS NOT NULL)
"""


def add_no_overlap_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # btree_gist gives GiST an equality operator for resource_key (a trusted extension).
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(CREATE_SPAN)
    schema_editor.execute(ADD_CONSTRAINT)


def remove_no_overlap_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE consultations_consultationrequest "
        "DROP CONSTRAINT IF EXISTS no_overlapping_active_bookings"
    )
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS consultations_booking_span(timestamptz, integer)"
    )


class Migration(migrations.Migration):

    replaces = [
        ('consultations', '0001_initial'),
        ('consultations', '0002_bookingsettings_procedure_consultationrequest_and_more'),
        ('consultations', '0003_consultation_note'),
        ('consultations', '0004_no_overlapping_active_bookings'),
        ('consultations', '0005_reminders_and_video_links'),
        ('consultations', '0006_join_links_for_existing_video_bookings'),
        ('consultations', '0007_source_page'),
        ('consultations', '0008_procedure_page_link'),
        ('consultations', '0009_request_list_indexes'),
        ('consultations', '0010_booking_language'),
        ('consultations', '0011_clinicians'),
        ('consultations', '0012_move_schedules_and_bookings_to_a_clinician'),
        ('consultations', '0013_schedules_and_bookings_name_clinicians'),
        ('consultations', '0014_offices_once_in_schedules'),
        ('consultations', '0015_outbox_lease_and_message_id'),
        ('consultations', '0016_clinicians_move_to_people'),
    ]

    initial = True

    # Other apps' migrations by their old names, as the migrations replaced here named them:
    # Django reads each as that app's squashed migration where that one is used, and as the
    # old one where the app is migrated part-way (its squashed migration would stand for all
    # of its old ones there).
    dependencies = [
        ('offices', '0002_officepage_directions_officepage_intro_and_more'),
        ('people', '0001_initial'),
        ('procedures', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BookingPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                'verbose_name': 'booking page',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='BookingSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('min_notice_hours', models.PositiveIntegerField(default=24, help_text='Visitors cannot book a time sooner than this many hours from now.', validators=[django.core.validators.MaxValueValidator(720)])),
                ('horizon_days', models.PositiveIntegerField(default=60, help_text='Visitors can book up to this many days ahead.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(365)])),
                ('video_instructions', models.TextField(blank=True, default='Your video link comes with your reminder email before the consultation, and appears on your booking page shortly before the start. Please join from a quiet, well-lit room.', help_text="Sent to visitors who book a video consultation. Do not promise a time for the link other than the reminder and the booking page's window below.")),
                ('first_reminder_hours', models.PositiveIntegerField(default=24, help_text='Hours before the consultation the reminder email goes out.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(336)])),
                ('second_reminder_hours', models.PositiveIntegerField(blank=True, help_text='Optional second reminder, for example 2 hours before. Leave empty for none.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(336)])),
                ('video_link_opens_minutes', models.PositiveIntegerField(default=30, help_text="The visitor's booking page shows the join link from this many minutes before the start until the end. The reminder email always carries it.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(1440)])),
                ('video_link_template', models.CharField(blank=True, default='https://meet.jit.si/{room}', help_text='The join link made for each video booking; {room} becomes a long random, unguessable room name. Leave empty to paste each link by hand in the booking screen.', max_length=200, validators=[consultations.models.site_settings.validate_video_link_template])),
                ('travel_minutes', models.PositiveIntegerField(default=0, help_text="Travel time between two offices on the same day. A clinician's slots this close to their session at another office are not offered. 0 for none.", validators=[django.core.validators.MaxValueValidator(240)])),
            ],
            options={
                'verbose_name': 'booking rules',
            },
        ),
        migrations.CreateModel(
            name='ConsultationRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(default=consultations.models.bookings.new_reference, editable=False, max_length=12, unique=True)),
                ('status', models.CharField(choices=[('new', 'New'), ('confirmed', 'Confirmed'), ('cancelled', 'Cancelled'), ('completed', 'Completed'), ('no_show', 'No-show')], default='new', max_length=12)),
                ('mode', models.CharField(choices=[('in_person', 'In person at an office'), ('video', 'By video')], max_length=10)),
                ('resource_key', models.CharField(editable=False, max_length=40)),
                ('starts_at', models.DateTimeField(blank=True, help_text='Empty for callbacks.', null=True)),
                ('duration_minutes', models.PositiveSmallIntegerField(default=45)),
                ('preferred_days', models.JSONField(blank=True, default=list)),
                ('preferred_times', models.JSONField(blank=True, default=list)),
                ('first_name', models.CharField(max_length=80)),
                ('last_name', models.CharField(max_length=80)),
                ('email', models.EmailField(max_length=254)),
                ('phone', phonenumber_field.modelfields.PhoneNumberField(max_length=128, region=None)),
                ('preferred_contact', models.CharField(choices=[('email', 'Email'), ('phone', 'Phone call'), ('text', 'Text message')], default='email', max_length=10)),
                ('message', models.TextField(blank=True, max_length=2000)),
                ('consent_at', models.DateTimeField()),
                ('privacy_policy_version', models.CharField(blank=True, max_length=80)),
                ('marketing_opt_in', models.BooleanField(default=False)),
                ('submission_token', models.UUIDField(blank=True, editable=False, null=True, unique=True)),
                ('calendar_sequence', models.PositiveIntegerField(default=0, editable=False)),
                ('anonymised', models.BooleanField(default=False, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='consultation_requests', to='offices.officepage')),
                ('video_join_url', consultations.models.bookings.HttpsURLField(blank=True, help_text="Video bookings only. Made from the booking rules' template when booked; paste another https link to use a different room. The visitor sees it in the reminder and on their booking page shortly before the start, never in the first confirmation.", max_length=500, validators=[django.core.validators.URLValidator(schemes=['https'])], verbose_name='video join link')),
                ('source_page', models.ForeignKey(blank=True, editable=False, help_text='The page whose Book link the visitor followed.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                ('language', models.CharField(choices=[('en', 'English'), ('es', 'Español')], default='en', editable=False, help_text='The language the visitor booked in; their emails use it.', max_length=8)),
                ('clinician', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to='people.clinician')),
            ],
            options={
                'verbose_name': 'consultation request',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='ConsultationNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(max_length=2000)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='consultations.consultationrequest')),
            ],
            options={
                'verbose_name': 'internal note',
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='Procedure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The name bookings keep. Publishing the linked page updates it to the title.', max_length=80, unique=True)),
                ('description', models.CharField(blank=True, help_text='One line shown under the name on the booking form.', max_length=200)),
                ('sort_order', models.PositiveSmallIntegerField(default=0)),
                ('active', models.BooleanField(default=True, help_text='Untick to hide it from the booking form even while its page is live.')),
                ('page', models.OneToOneField(blank=True, help_text='The procedure page behind this choice. Offered on the booking form while that page is live; publishing a procedure page creates or links its entry here.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='booking_procedure', to='procedures.procedurepage')),
            ],
            options={
                'ordering': ['sort_order', 'name'],
            },
        ),
        migrations.SeparateDatabaseAndState(
            # Its table, as the booking app's old migrations made it (0011, as the clinician's
            # `procedures`): columns in that order, unique constraint so named.
            state_operations=[
                migrations.AddField(
                    model_name='procedure',
                    name='clinicians',
                    field=models.ManyToManyField(blank=True, db_table='consultations_clinician_procedures', help_text='Who consults on it. A clinician with no procedures consults on every one.', related_name='procedures', to='people.clinician'),
                ),
            ],
            database_operations=[
                migrations.CreateModel(
                    name='ClinicianProcedures',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('clinician', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='people.clinician')),
                        ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='consultations.procedure')),
                    ],
                    options={
                        'db_table': 'consultations_clinician_procedures',
                        'unique_together': {('clinician', 'procedure')},
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name='consultationrequest',
            name='procedures',
            field=models.ManyToManyField(blank=True, related_name='requests', to='consultations.procedure'),
        ),
        migrations.CreateModel(
            name='ScheduleException',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mode', models.CharField(choices=[('in_person', 'In person at an office'), ('video', 'By video')], default='in_person', max_length=10)),
                ('date', models.DateField()),
                ('kind', models.CharField(choices=[('closed', 'Closed all day'), ('extra', 'Extra session')], default='closed', max_length=10)),
                ('start', models.TimeField(blank=True, help_text='Extra sessions only.', null=True)),
                ('end', models.TimeField(blank=True, help_text='Extra sessions only.', null=True)),
                ('slot_minutes', models.PositiveSmallIntegerField(default=45, validators=[django.core.validators.MinValueValidator(10), django.core.validators.MaxValueValidator(240)])),
                ('note', models.CharField(blank=True, max_length=120)),
                ('office', models.ForeignKey(blank=True, help_text='Required for in-person; leave empty for video.', limit_choices_to={'locale__language_code': 'en'}, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_exceptions', to='offices.officepage')),
                ('clinician', models.ForeignKey(help_text='Whose session this is.', on_delete=django.db.models.deletion.CASCADE, related_name='schedule_exceptions', to='people.clinician')),
            ],
            options={
                'verbose_name': 'schedule exception',
                'ordering': ['date', 'start'],
            },
        ),
        migrations.CreateModel(
            name='ScheduleRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mode', models.CharField(choices=[('in_person', 'In person at an office'), ('video', 'By video')], default='in_person', max_length=10)),
                ('weekday', models.PositiveSmallIntegerField(choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')])),
                ('start', models.TimeField(help_text='First consultation starts at, e.g. 09:00.')),
                ('end', models.TimeField(help_text='Last consultation ends by, e.g. 12:00.')),
                ('slot_minutes', models.PositiveSmallIntegerField(default=45, validators=[django.core.validators.MinValueValidator(10), django.core.validators.MaxValueValidator(240)])),
                ('office', models.ForeignKey(blank=True, help_text='Required for in-person sessions; leave empty for video.', limit_choices_to={'locale__language_code': 'en'}, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='schedule_rules', to='offices.officepage')),
                ('clinician', models.ForeignKey(help_text='Whose session this is.', on_delete=django.db.models.deletion.CASCADE, related_name='schedule_rules', to='people.clinician')),
            ],
            options={
                'verbose_name': 'weekly consultation session',
                'ordering': ['clinician', 'weekday', 'start'],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('visitor_confirmation', 'Confirmation to visitor'), ('office_new', 'New-booking notice to office'), ('visitor_cancelled', 'Cancellation to visitor'), ('visitor_rescheduled', 'New time to visitor'), ('reminder_first', 'Reminder to visitor'), ('reminder_second', 'Second reminder to visitor')], max_length=30)),
                ('state', models.CharField(choices=[('pending', 'Pending'), ('sent', 'Sent'), ('failed', 'Failed'), ('void', 'Not needed')], default='pending', max_length=10)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.CharField(blank=True, max_length=200)),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='consultations.consultationrequest')),
                ('for_starts_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('claimed_until', models.DateTimeField(blank=True, editable=False, null=True)),
                ('message_id', models.CharField(blank=True, editable=False, max_length=255)),
            ],
            options={
                'ordering': ['created_at'],
                'indexes': [models.Index(fields=['state', 'next_attempt_at'], name='consultatio_state_1eb7fa_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('kind__in', ['reminder_first', 'reminder_second']), models.Q(('state', 'void'), _negated=True)), fields=('request', 'kind', 'for_starts_at'), name='one_reminder_per_booking_kind_and_time'), models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ['reminder_first', 'reminder_second']), _negated=True), ('for_starts_at__isnull', False), _connector='OR'), name='reminder_names_its_time')],
            },
        ),
        migrations.AddIndex(
            model_name='consultationrequest',
            index=models.Index(fields=['status', 'starts_at'], name='consultatio_status_2d0f0c_idx'),
        ),
        migrations.AddIndex(
            model_name='consultationrequest',
            index=models.Index(fields=['created_at'], name='consultation_created'),
        ),
        migrations.AddIndex(
            model_name='consultationrequest',
            index=models.Index(fields=['starts_at'], name='consultation_starts'),
        ),
        migrations.AddIndex(
            model_name='consultationrequest',
            index=models.Index(fields=['phone'], name='consultation_phone'),
        ),
        migrations.AddIndex(
            model_name='consultationrequest',
            index=models.Index(django.db.models.functions.text.Lower('email'), name='consultation_email_lower'),
        ),
        migrations.AddConstraint(
            model_name='consultationrequest',
            constraint=models.UniqueConstraint(condition=models.Q(('starts_at__isnull', False), ('status__in', ['new', 'confirmed'])), fields=('resource_key', 'starts_at'), name='one_active_booking_per_slot'),
        ),
        migrations.AddConstraint(
            model_name='consultationrequest',
            constraint=models.CheckConstraint(condition=models.Q(('mode', 'video'), ('office__isnull', False), _connector='OR'), name='in_person_needs_office'),
        ),
        migrations.AddConstraint(
            model_name='consultationrequest',
            constraint=models.CheckConstraint(condition=models.Q(('starts_at__isnull', True), ('clinician__isnull', False), _connector='OR'), name='booked_time_names_clinician'),
        ),
        migrations.AddConstraint(
            model_name='schedulerule',
            constraint=models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='schedule_end_after_start'),
        ),
        migrations.AddConstraint(
            model_name='schedulerule',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('mode', 'video'), ('office__isnull', True)), models.Q(('mode', 'in_person'), ('office__isnull', False)), _connector='OR'), name='schedule_office_matches_mode'),
        ),
        migrations.RunPython(add_no_overlap_constraint, remove_no_overlap_constraint, elidable=False),
    ]
