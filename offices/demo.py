"""Demo offices for `manage.py seed_demo` (idempotent)."""

import datetime

from offices.models import (
    HoursException,
    OfficeGalleryImage,
    OfficeIndexPage,
    OfficePage,
    OpeningHours,
)
from practice.demo import child_by_slug, publish_child
from practice.demo_images import demo_image

T = datetime.time

OFFICES = [
    {
        "title": "Beverly Hills Office",
        "slug": "beverly-hills",
        "intro": "Our original office, a short walk from Wilshire and La Cienega.",
        "address_line_1": "8920 Wilshire Blvd",
        "address_line_2": "Suite 604",
        "city": "Beverly Hills",
        "region": "CA",
        "postal_code": "90211",
        "phone": "+13105550142",
        "email": "beverlyhills@example.com",
        "latitude": "34.066960",
        "longitude": "-118.387640",
        "directions": "<p>Validated parking in the building garage, entrance on Wilshire. "
        "Take the lifts to the sixth floor; Suite 604 is on the left.</p>",
        # Monday to Thursday 9-5, Friday a split day, Saturday mornings.
        "hours": [(d, T(9), T(17)) for d in range(4)]
        + [(4, T(8), T(12)), (4, T(13), T(16)), (5, T(10), T(14))],
    },
    {
        "title": "Santa Monica Office",
        "slug": "santa-monica",
        "intro": "Close to the beach cities, with street-level access.",
        "address_line_1": "2811 Wilshire Blvd",
        "address_line_2": "Suite 640",
        "city": "Santa Monica",
        "region": "CA",
        "postal_code": "90403",
        "phone": "+13105550187",
        "email": "santamonica@example.com",
        "latitude": "34.037890",
        "longitude": "-118.470640",
        "directions": "<p>Parking behind the building off Princeton Street; the first hour "
        "is free. The lobby lift is step-free.</p>",
        "hours": [(d, T(8, 30), T(16, 30)) for d in range(5)],
    },
]

EXCEPTIONS = [
    {"date": datetime.date(2026, 11, 26), "closed": True, "note": "Thanksgiving"},
    {
        "date": datetime.date(2026, 12, 24),
        "closed": False,
        "opens": T(9),
        "closes": T(13),
        "note": "Christmas Eve",
    },
    {"date": datetime.date(2026, 12, 25), "closed": True, "note": "Christmas Day"},
    {"date": datetime.date(2027, 1, 1), "closed": True, "note": "New Year's Day"},
]


def seed(home):
    index = child_by_slug(home, "offices")
    if index is None:
        index = publish_child(
            home,
            OfficeIndexPage(
                title="Our offices",
                slug="offices",
                show_in_menus=True,
                intro="<p>Two offices on Wilshire Boulevard, twenty minutes apart. Both offer "
                "consultations, and you can also meet us by video.</p>",
            ),
        )
    offices = []
    for number, spec in enumerate(OFFICES):
        office = child_by_slug(index, spec["slug"])
        if office is None:
            spec = dict(spec)
            rows = spec.pop("hours")
            photos = [
                demo_image(
                    f"{spec['title']} photo {n}",
                    f"Waiting room of the {spec['title']}, view {n}",
                    seed=20 + number * 3 + n,
                    size=(1200, 900),
                )
                for n in range(1, 3)
            ]
            office = publish_child(
                index,
                OfficePage(
                    **spec,
                    opening_hours=[OpeningHours(weekday=d, opens=o, closes=c) for d, o, c in rows],
                    hours_exceptions=[HoursException(**e) for e in EXCEPTIONS],
                    gallery_images=[OfficeGalleryImage(image=p) for p in photos],
                ),
            )
        offices.append(office)
    return offices
