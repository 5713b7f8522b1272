"""Demo booking data for `manage.py seed_demo` (idempotent)."""

from consultations.models import BookingPage
from practice.demo import child_by_slug, publish_child


def seed(home):
    page = child_by_slug(home, "book")
    if page is None:
        page = publish_child(
            home,
            BookingPage(
                title="Book a consultation",
                slug="book",
                intro="<p>Choose in person or by video, pick a time, and tell us how to reach "
                "you. We confirm every booking by email.</p>",
            ),
        )
    return page
