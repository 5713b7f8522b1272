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
from core.demo_helpers import child_by_slug, publish_child
from offices.demo import upcoming_holidays
from offices.models import OfficePage
from people.models import Author, Clinician

T = datetime.time


SURGERY = ["eyelid-surgery", "rhinoplasty", "facelift", "brow-lift"]
INJECTABLES = ["dermal-fillers", "wrinkle-relaxing-injections"]

# (key, name, role, author slug or None, procedure page slugs)
CLINICIANS = [
    ("vale", "Dr. Adrian Vale", Clinician.Role.SURGEON, "adrian-vale", SURGERY + INJECTABLES),
    # A surgeon with no public profile: bookable by name, shown nowhere else on the site.
    ("ibarra", "Dr. Celia Ibarra", Clinician.Role.SURGEON, None, SURGERY),
    ("castillo", "Nora Castillo, RN", Clinician.Role.NURSE_INJECTOR, "nora-castillo", INJECTABLES),
]

# (clinician, office slug or None for video, weekday, start, end, slot minutes). Santa Monica
# is Dr. Vale's alone; in Beverly Hills two clinicians often consult side by side, and video
# sessions run while a colleague sees patients at an office. No one is in two places at once.
SCHEDULES = [
    ("vale", "beverly-hills", 0, T(9), T(12), 45),
    ("vale", "beverly-hills", 0, T(13), T(16), 45),
    ("vale", "beverly-hills", 2, T(9), T(12), 45),
    ("vale", "beverly-hills", 3, T(13), T(17), 45),
    ("vale", "santa-monica", 1, T(9), T(12), 45),
    ("vale", "santa-monica", 1, T(13), T(16), 45),
    ("vale", "santa-monica", 3, T(9), T(12), 45),
    ("vale", "santa-monica", 4, T(9), T(13), 45),
    ("vale", None, 1, T(17), T(19), 30),
    ("vale", None, 3, T(17), T(19), 30),
    ("vale", None, 5, T(10), T(12), 30),
    ("ibarra", "beverly-hills", 2, T(9), T(12), 60),
    ("ibarra", "beverly-hills", 4, T(10), T(15), 60),
    ("ibarra", None, 0, T(13), T(16), 30),
    ("castillo", "beverly-hills", 0, T(9), T(12), 30),
    ("castillo", "beverly-hills", 3, T(13), T(17), 30),
    ("castillo", None, 2, T(17), T(19), 30),
]


def seed_clinicians():
    """The demo's three clinicians, by key (idempotent)."""
    procedures = {p.page.slug: p for p in Procedure.objects.select_related("page") if p.page}
    found = {}
    for order, (key, name, role, author_slug, procedure_slugs) in enumerate(CLINICIANS):
        author = (
            Author.objects.filter(slug=author_slug, locale__language_code="en").first()
            if author_slug
            else None
        )
        clinician = Clinician.objects.filter(name=name).first()
        if clinician is None:
            clinician = Clinician.objects.create(
                name=name, role=role, author=author, sort_order=order
            )
            clinician.procedures.set([procedures[s] for s in procedure_slugs if s in procedures])
        found[key] = clinician
    return found


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
    clinicians = seed_clinicians()
    if not ScheduleRule.objects.exists():
        offices = {o.slug: o for o in OfficePage.objects.filter(locale__language_code="en")}
        for key, slug, weekday, start, end, minutes in SCHEDULES:
            ScheduleRule.objects.create(
                clinician=clinicians[key],
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
        places = {(clinicians[key], slug) for key, slug, *_rest in SCHEDULES if slug}
        for clinician, slug in sorted(places, key=lambda p: (p[0].pk, p[1])):
            ScheduleException.objects.create(
                clinician=clinician, office=offices[slug], date=christmas_eve, note="Christmas Eve"
            )
    if not ConsultationRequest.objects.exists():
        _seed_bookings(clinicians["vale"])
    return page


def _seed_bookings(clinician):
    office = OfficePage.objects.filter(slug="santa-monica", locale__language_code="en").first()
    if office is None:
        return
    procedures = list(Procedure.objects.all()[:3])
    days = availability.open_slots(Mode.IN_PERSON, office.pk, clinicians=[clinician.pk], days=21)
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
            clinician=clinician,
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
