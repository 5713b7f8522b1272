"""Demo offices for `manage.py seed_demo` (idempotent)."""

import datetime

from django.utils import timezone

from core.demo_helpers import child_by_slug, publish_child
from core.demo_images import demo_image
from offices.models import (
    HoursException,
    OfficeGalleryImage,
    OfficeIndexPage,
    OfficePage,
    OpeningHours,
)

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


def _nth_weekday(year, month, weekday, n):
    """The n-th `weekday` (0 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = following - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


# (note, date in a given year, closed all day, special hours) for the holidays the practice keeps.
HOLIDAYS = [
    ("New Year's Day", lambda y: datetime.date(y, 1, 1), True, None),
    ("Memorial Day", lambda y: _nth_weekday(y, 5, 0, -1), True, None),
    ("Independence Day", lambda y: datetime.date(y, 7, 4), True, None),
    ("Labor Day", lambda y: _nth_weekday(y, 9, 0, 1), True, None),
    ("Thanksgiving", lambda y: _nth_weekday(y, 11, 3, 4), True, None),
    ("Christmas Eve", lambda y: datetime.date(y, 12, 24), False, (T(9), T(13))),
    ("Christmas Day", lambda y: datetime.date(y, 12, 25), True, None),
]


def upcoming_holidays(today: datetime.date):
    """Each holiday's next date on or after `today`, so the demo always has closures ahead."""
    exceptions = []
    for note, on, closed, special in HOLIDAYS:
        date = on(today.year)
        if date < today:
            date = on(today.year + 1)
        opens, closes = special or (None, None)
        exceptions.append(
            {"date": date, "closed": closed, "opens": opens, "closes": closes, "note": note}
        )
    return sorted(exceptions, key=lambda e: e["date"])


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
    holidays = upcoming_holidays(timezone.localdate())
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
                    hours_exceptions=[HoursException(**e) for e in holidays],
                    gallery_images=[OfficeGalleryImage(image=p) for p in photos],
                ),
            )
        offices.append(office)
    return offices
