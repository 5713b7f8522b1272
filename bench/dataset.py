"""Benchmark data at realistic volume, built reproducibly (fixed seed) on top of seed_demo.

1,000+ live articles with hero images, 60 tags, 8 categories, 10 authors, 3 offices with full
consultation schedules, and 12 months of bookings (5,000+). Text is generated from a small
original vocabulary: it reads like filler, which is all a benchmark needs.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from blog.models import BlogCategory, BlogIndexPage, BlogPage, BlogPageAuthor
from consultations import availability
from consultations.models import (
    ConsultationRequest,
    Mode,
    Procedure,
    ScheduleRule,
    Status,
    resource_key,
)
from core.demo_images import demo_image
from offices.models import OfficeIndexPage, OfficePage, OpeningHours
from people.models import Author, Clinician

VERSION = 1
SEED = 20261124
ARTICLES = 1000
TAGS = 60
CATEGORIES = 8
AUTHORS = 10
BOOKING_DOMAIN = "bench-seed.invalid"
SLUG_PREFIX = f"bench-v{VERSION}-"

WORDS = (  # noqa: SIM905 - one readable string beats sixty quoted words
    "brow lid cheek jaw smile skin light recovery swelling week consultation plan natural "
    "balance expression rest motion healing gentle subtle profile contour tissue lift care "
    "sleep sun shade follow-up stitches result season habit routine patience comfort"
).split()

T = datetime.time


def _sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng):
    return "<p>" + " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(4)) + "</p>"


def is_seeded():
    return (
        BlogPage.objects.filter(slug=f"{SLUG_PREFIX}{ARTICLES - 1:04d}").exists()
        and ConsultationRequest.objects.filter(email__endswith=BOOKING_DOMAIN).count() >= 5000
    )


def seed_taxonomy(rng):
    categories = []
    for n in range(CATEGORIES):
        category, _ = BlogCategory.objects.get_or_create(
            slug=f"bench-category-{n}",
            defaults={"name": f"Topic {n + 1}", "description": _sentence(rng)},
        )
        categories.append(category)
    authors = list(Author.objects.all()[:AUTHORS])
    for n in range(len(authors), AUTHORS):
        authors.append(
            Author.objects.create(
                name=f"Bench Author {n}",
                slug=f"bench-author-{n}",
                role="Writer",
                bio=_sentence(rng, 20),
            )
        )
    return categories, authors


def seed_articles(rng, index, categories, authors):
    images = [
        demo_image(f"Bench hero {n}", f"Abstract hero image {n}", seed=500 + n, size=(1200, 675))
        for n in range(20)
    ]
    tags = [f"bench-tag-{n:02d}" for n in range(TAGS)]
    existing = set(
        BlogPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    today = timezone.localdate()
    for n in range(ARTICLES):
        slug = f"{SLUG_PREFIX}{n:04d}"
        # Draw the same numbers whether or not the article exists, so reruns stay identical.
        chosen_categories = rng.sample(categories, rng.randint(1, 2))
        chosen_tags = rng.sample(tags, rng.randint(2, 5))
        chosen_authors = rng.sample(authors, rng.randint(1, 2))
        image = rng.choice(images)
        body = [
            {"type": "heading", "value": {"text": _sentence(rng, 5), "level": "h2"}},
            *({"type": "paragraph", "value": _paragraph(rng)} for _ in range(rng.randint(3, 6))),
        ]
        if slug in existing:
            continue
        article = BlogPage(
            title=_sentence(rng, 6)[:-1],
            slug=slug,
            lede=_sentence(rng, 18),
            date=today - datetime.timedelta(days=n // 3),
            hero_image=image,
            hero_alt=image.title,
            body=body,
            first_published_at=timezone.now() - datetime.timedelta(days=n // 3),
        )
        article.categories = chosen_categories
        article.article_authors = [
            BlogPageAuthor(author=a, sort_order=i) for i, a in enumerate(chosen_authors)
        ]
        index.add_child(instance=article)
        article.tags.add(*chosen_tags)
        article.save()


def seed_third_office(rng, offices_index):
    office = OfficePage.objects.filter(slug="westwood").first()
    if office is None:
        office = OfficePage(
            title="Westwood Office",
            slug="westwood",
            intro="A third office for the benchmark data set.",
            address_line_1="10900 Wilshire Blvd",
            address_line_2="Suite 300",
            city="Los Angeles",
            region="CA",
            postal_code="90024",
            country="US",
            phone="+13105550190",
            email="westwood@example.com",
            latitude="34.0595",
            longitude="-118.4437",
            opening_hours=[OpeningHours(weekday=d, opens=T(9), closes=T(17)) for d in range(5)],
        )
        offices_index.add_child(instance=office)
    # The third office has its own clinician (the demo's keep their own sessions).
    clinician, _ = Clinician.objects.get_or_create(
        name="Dr. Bench Westwood", defaults={"sort_order": 90}
    )
    for weekday in range(5):
        for start, end in ((T(9), T(12)), (T(13), T(17))):
            # Half-hour slots: a busy third office gives a year of history its volume.
            ScheduleRule.objects.update_or_create(
                clinician=clinician,
                mode=Mode.IN_PERSON,
                office=office,
                weekday=weekday,
                start=start,
                defaults={"end": end, "slot_minutes": 30},
            )
    return office


def _schedule_slots(mode, office_id, first_day, last_day, rules):
    zone = availability.practice_zone()
    day = first_day
    while day <= last_day:
        for rule in rules:
            if rule.weekday == day.weekday():
                yield from availability.session_slots(
                    day, rule.start, rule.end, rule.slot_minutes, zone
                )
        day += datetime.timedelta(days=1)


def seed_bookings(rng):
    """A year of history and the coming weeks, about 70% of past slots and 30% of future ones."""
    if ConsultationRequest.objects.filter(email__endswith=BOOKING_DOMAIN).count() >= 5000:
        return
    ConsultationRequest.objects.filter(email__endswith=BOOKING_DOMAIN).delete()
    now = timezone.now()
    today = timezone.localdate()
    taken = set(
        ConsultationRequest.objects.filter(status__in=[Status.NEW, Status.CONFIRMED]).values_list(
            "resource_key", "starts_at"
        )
    )
    # Each clinician's sessions, place by place; a booked time holds the clinician's calendar.
    resources = sorted(
        set(ScheduleRule.objects.values_list("clinician_id", "mode", "office_id")),
        key=lambda r: (r[0], r[1], r[2] or 0),
    )
    procedures = list(Procedure.objects.all())
    rows = []
    for clinician_id, mode, office_id in resources:
        rules = list(
            ScheduleRule.objects.for_resource(mode, office_id).filter(clinician_id=clinician_id)
        )
        key = resource_key(mode, office_id, clinician_id)
        for slot in _schedule_slots(
            mode,
            office_id,
            today - datetime.timedelta(days=365),
            today + datetime.timedelta(days=60),
            rules,
        ):
            past = slot.starts_at < now
            if rng.random() > (0.8 if past else 0.3) or (key, slot.starts_at) in taken:
                continue
            if past:
                status = rng.choices(
                    [Status.COMPLETED, Status.NO_SHOW, Status.CANCELLED], [85, 5, 10]
                )[0]
            else:
                status = rng.choice([Status.NEW, Status.CONFIRMED])
            n = len(rows)
            rows.append(
                ConsultationRequest(
                    mode=mode,
                    office_id=office_id,
                    clinician_id=clinician_id,
                    resource_key=key,
                    starts_at=slot.starts_at,
                    duration_minutes=slot.minutes,
                    status=status,
                    first_name=f"Patient{n}",
                    last_name="Bench",
                    email=f"patient{n}@{BOOKING_DOMAIN}",
                    phone="+13105550100",
                    consent_at=slot.starts_at - datetime.timedelta(days=7),
                    reference=f"B{n:07d}",
                )
            )
    ConsultationRequest.objects.bulk_create(rows, batch_size=1000)
    through = ConsultationRequest.procedures.through
    created = ConsultationRequest.objects.filter(email__endswith=BOOKING_DOMAIN).values_list(
        "pk", flat=True
    )
    through.objects.bulk_create(
        [
            through(consultationrequest_id=pk, procedure_id=rng.choice(procedures).pk)
            for pk in created
        ],
        batch_size=2000,
    )


def seed(stdout=None):
    # A fixed seed makes the same data set on every run; nothing here is secret.
    rng = random.Random(SEED)  # noqa: S311
    if is_seeded():
        return False
    with transaction.atomic():
        categories, authors = seed_taxonomy(rng)
        office = seed_third_office(rng, OfficeIndexPage.objects.get(locale__language_code="en"))
        office.save_revision().publish()
    seed_articles(rng, BlogIndexPage.objects.get(locale__language_code="en"), categories, authors)
    seed_bookings(rng)
    return True


def volume():
    return {
        "articles": BlogPage.objects.live().count(),
        "tags": BlogPage.tags.through.tag_model().objects.count(),
        "categories": BlogCategory.objects.count(),
        "authors": Author.objects.count(),
        "offices": OfficePage.objects.live().count(),
        "bookings": ConsultationRequest.objects.count(),
    }
