"""Demo offices for `manage.py seed_demo` (idempotent)."""

from offices.models import OfficeIndexPage, OfficePage
from practice.demo import child_by_slug, publish_child

OFFICES = [
    {
        "title": "Beverly Hills Office",
        "slug": "beverly-hills",
        "address_line_1": "8920 Wilshire Blvd",
        "address_line_2": "Suite 604",
        "city": "Beverly Hills",
        "region": "CA",
        "postal_code": "90211",
        "phone": "+13105550142",
        "email": "beverlyhills@example.com",
        "latitude": "34.066960",
        "longitude": "-118.387640",
    },
    {
        "title": "Santa Monica Office",
        "slug": "santa-monica",
        "address_line_1": "2811 Wilshire Blvd",
        "address_line_2": "Suite 640",
        "city": "Santa Monica",
        "region": "CA",
        "postal_code": "90403",
        "phone": "+13105550187",
        "email": "santamonica@example.com",
        "latitude": "34.037890",
        "longitude": "-118.470640",
    },
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
                intro="<p>Two offices on Wilshire Boulevard, twenty minutes apart.</p>",
            ),
        )
    offices = []
    for spec in OFFICES:
        office = child_by_slug(index, spec["slug"])
        if office is None:
            office = publish_child(index, OfficePage(**spec))
        offices.append(office)
    return offices
