"""The front desk's dashboard panel: its counts and links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import availability
from consultations.admin.dashboard import dashboard_summary
from consultations.models import ConsultationRequest, Mode, Notification
from consultations.wagtail_hooks import FrontDeskPanel
from tests.consultations.admin_screens import INDEX
from tests.consultations.conftest import booking_data

pytestmark = pytest.mark.django_db


# --- Dashboard ------------------------------------------------------------------------------


def test_dashboard_counts_in_a_fixed_number_of_queries(office, submit, settings):
    settings.BOOKING_RATE_LIMIT_ENABLED = False
    slots = [
        s for d in availability.open_slots(Mode.IN_PERSON, office.pk, days=7).values() for s in d
    ]

    def measure():
        with CaptureQueriesContext(connection) as queries:
            FrontDeskPanel().render_html({})  # the figures, the links and the list
        return dashboard_summary(), len(queries)

    submit(booking_data(office, slots[0]))
    small, few = measure()
    for i, slot in enumerate(slots[1:12]):
        submit(booking_data(office, slot, email=f"p{i}@example.com"))
    Notification.objects.filter(pk=Notification.objects.first().pk).update(state="failed")
    large, many = measure()
    # The week's bookings, new requests, failed emails, the offices, the source report.
    # Six: the clinicians' rows are one query more than before clinicians.
    assert few == many <= 6
    assert large["new_count"] == small["new_count"] + len(slots[1:12])
    assert large["failed_notifications"] == 1
    week = sum(r["week"] for r in large["resources"])
    assert week == ConsultationRequest.objects.filter(starts_at__isnull=False).count()


def test_dashboard_links_failed_emails_to_the_filtered_listing(front_desk, booked):
    html = front_desk.get("/admin/").content.decode()
    assert "?emails=failed" not in html
    booked.notifications.update(state="failed")
    html = front_desk.get("/admin/").content.decode()
    assert f'href="{INDEX}?emails=failed"' in html
    assert booked.reference in front_desk.get(f"{INDEX}?emails=failed").content.decode()
