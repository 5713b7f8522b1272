"""Demo booking data for `manage.py seed_demo` (idempotent)."""

import datetime
import uuid

from django.utils import timezone

from consultations import availability
from consultations.models import (
    BookingPage,
    ConsultationRequest,
    Mode,
    Procedure,
    ScheduleException,
    ScheduleRule,
    Status,
)
from offices.demo import upcoming_holidays
from offices.models import OfficePage
from practice.demo_helpers import child_by_slug, publish_child

T = datetime.time


# (office slug or None for video, weekday, start, end, slot minutes)
SCHEDULES = [
    ("beverly-hills", 0, T(9), T(12), 45),
    ("beverly-hills", 0, T(13), T(16), 45),
    ("beverly-hills", 2, T(9), T(12), 45),
    ("beverly-hills", 3, T(13), T(17), 45),
    ("santa-monica", 1, T(9), T(12), 45),
    ("santa-monica", 1, T(13), T(16), 45),
    ("santa-monica", 3, T(9), T(12), 45),
    ("santa-monica", 4, T(9), T(13), 45),
    (None, 1, T(17), T(19), 30),
    (None, 3, T(17), T(19), 30),
    (None, 5, T(10), T(12), 30),
]


def seed(home):
    page = child_by_slug(home, "book")
    if page is None:
        page = publish_child(
            home,
            BookingPage(
                title="Book a consultation",
                slug="book",
                intro="<p>Choose in person or by video, pick a time, and tell us how to reach "
                "you. It takes about a minute, and we confirm every booking by email.</p>",
            ),
        )
    if not ScheduleRule.objects.exists():
        offices = {o.slug: o for o in OfficePage.objects.all()}
        for slug, weekday, start, end, minutes in SCHEDULES:
            ScheduleRule.objects.create(
                mode=Mode.VIDEO if slug is None else Mode.IN_PERSON,
                office=offices.get(slug),
                weekday=weekday,
                start=start,
                end=end,
                slot_minutes=minutes,
            )
        # The offices' holiday closures already stop in-person sessions; Christmas Eve, a short
        # day at the front desk, has no consultations either (the next one from today).
        christmas_eve = next(
            h["date"]
            for h in upcoming_holidays(timezone.localdate())
            if h["note"] == "Christmas Eve"
        )
        for slug in offices:
            ScheduleException.objects.create(
                office=offices[slug], date=christmas_eve, note="Christmas Eve"
            )
    if not ConsultationRequest.objects.exists():
        _seed_bookings()
    return page


def _seed_bookings():
    office = OfficePage.objects.filter(slug="santa-monica").first()
    if office is None:
        return
    procedures = list(Procedure.objects.all()[:3])
    days = availability.open_slots(Mode.IN_PERSON, office.pk, days=21)
    slots = [slot for day in days.values() for slot in day]
    people = [
        ("Maya", "Okafor", Status.NEW),
        ("Daniel", "Reyes", Status.CONFIRMED),
        ("Sofia", "Lindqvist", Status.CANCELLED),
    ]
    for (first, last, status), slot in zip(people, slots[::3], strict=False):
        request = ConsultationRequest.objects.create(
            mode=Mode.IN_PERSON,
            office=office,
            starts_at=slot.starts_at,
            duration_minutes=slot.minutes,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}@example.com",
            phone="+13105550199",
            consent_at=timezone.now(),
            status=status,
            submission_token=uuid.uuid4(),
        )
        request.procedures.set(procedures[:2])
    ConsultationRequest.objects.create(
        mode=Mode.VIDEO,
        first_name="Hana",
        last_name="Sato",
        email="hana@example.com",
        phone="+13105550198",
        consent_at=timezone.now(),
        preferred_days=["tue", "thu"],
        preferred_times=["late"],
        submission_token=uuid.uuid4(),
    )
