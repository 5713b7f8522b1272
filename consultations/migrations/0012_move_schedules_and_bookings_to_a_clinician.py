"""Give every existing schedule and booking a clinician, losing no booking.

Before clinicians, a booking held a place's calendar (an office, or video); now it holds a
clinician's. Everything moves to one clinician: the first physician's author profile, or a new
"Practice clinician" when there is none. Two active bookings that overlap at different places
(possible before) cannot both be one person's: the later one goes to a second
"Practice clinician (2)", and so on, for the front desk to reassign. A database with no
schedules and no bookings (a new site) gets no clinician here.
"""

import datetime

from django.conf import settings
from django.db import migrations

ACTIVE = ("new", "confirmed")


def _primary(apps):
    Author = apps.get_model("blog", "Author")
    Clinician = apps.get_model("consultations", "Clinician")
    author = (
        Author.objects.filter(is_physician=True, locale__language_code=settings.LANGUAGE_CODE)
        .order_by("pk")
        .first()
    )
    if author is not None:
        return Clinician.objects.create(name=author.name, role="surgeon", author=author)
    return Clinician.objects.create(name="Practice clinician", role="surgeon")


def forward(apps, schema_editor):
    Clinician = apps.get_model("consultations", "Clinician")
    Rule = apps.get_model("consultations", "ScheduleRule")
    Exception_ = apps.get_model("consultations", "ScheduleException")
    Request = apps.get_model("consultations", "ConsultationRequest")
    booked = Request.objects.filter(starts_at__isnull=False).order_by("starts_at", "pk")
    if not (Rule.objects.exists() or Exception_.objects.exists() or booked.exists()):
        return
    clinicians = [_primary(apps)]
    Rule.objects.update(clinician=clinicians[0])
    Exception_.objects.update(clinician=clinicians[0])
    busy = {0: []}  # clinician index: [(start, end)] of their active bookings
    for request in booked:
        chosen = 0
        if request.status in ACTIVE:
            end = request.starts_at + datetime.timedelta(minutes=request.duration_minutes)
            chosen = next(
                (
                    i
                    for i, spans in busy.items()
                    if all(end <= s or e <= request.starts_at for s, e in spans)
                ),
                None,
            )
            if chosen is None:
                chosen = len(clinicians)
                clinicians.append(
                    Clinician.objects.create(
                        name=f"Practice clinician ({chosen + 1})", role="surgeon", sort_order=chosen
                    )
                )
                busy[chosen] = []
            busy[chosen].append((request.starts_at, end))
        clinician = clinicians[chosen]
        Request.objects.filter(pk=request.pk).update(
            clinician=clinician, resource_key=f"clinician-{clinician.pk}"
        )


def backward(apps, schema_editor):
    Request = apps.get_model("consultations", "ConsultationRequest")
    for request in Request.objects.filter(clinician__isnull=False).order_by("starts_at", "pk"):
        place = "video" if request.mode == "video" else f"office-{request.office_id}"
        Request.objects.filter(pk=request.pk).update(resource_key=place, clinician=None)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0011_clinicians")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
