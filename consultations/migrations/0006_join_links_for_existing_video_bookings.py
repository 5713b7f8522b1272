"""Give existing video bookings a join link, and replace the old, unkept promise text.

Bookings made before join links existed would otherwise reach their reminder with no room.
The practice's template is used if set (else the default); a practice that cleared it pastes
links by hand. The video instructions change only where they still hold the old default,
which promised a link "on the morning of your consultation" that nothing sent.
"""

import secrets

from django.db import migrations

OLD_INSTRUCTIONS = (
    "We will email you a secure video link on the morning of your consultation. "
    "Please join from a quiet, well-lit room."
)
NEW_INSTRUCTIONS = (
    "Your video link comes with your reminder email before the consultation, and appears on "
    "your booking page shortly before the start. Please join from a quiet, well-lit room."
)
DEFAULT_TEMPLATE = "https://meet.jit.si/{room}"


def forwards(apps, schema_editor):
    BookingSettings = apps.get_model("consultations", "BookingSettings")
    ConsultationRequest = apps.get_model("consultations", "ConsultationRequest")
    BookingSettings.objects.filter(video_instructions=OLD_INSTRUCTIONS).update(
        video_instructions=NEW_INSTRUCTIONS
    )
    rules = BookingSettings.objects.first()
    template = rules.video_link_template if rules else DEFAULT_TEMPLATE
    if not template:
        return
    waiting = ConsultationRequest.objects.filter(
        mode="video",
        status__in=["new", "confirmed"],
        starts_at__isnull=False,
        video_join_url="",
    )
    for pk in waiting.values_list("pk", flat=True).iterator():
        url = template.replace("{room}", secrets.token_urlsafe(16))
        ConsultationRequest.objects.filter(pk=pk).update(video_join_url=url)


def backwards(apps, schema_editor):
    BookingSettings = apps.get_model("consultations", "BookingSettings")
    BookingSettings.objects.filter(video_instructions=NEW_INSTRUCTIONS).update(
        video_instructions=OLD_INSTRUCTIONS
    )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0005_reminders_and_video_links")]

    operations = [migrations.RunPython(forwards, backwards)]
