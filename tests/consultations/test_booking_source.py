"""Where bookings come from: the page whose Book link started the booking, and the report."""

import datetime
import html as html_lib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import BlogPage
from consultations.admin.dashboard import bookings_by_source
from consultations.models import ConsultationRequest, Mode
from tests.consultations.conftest import booking_data, demo_clinician

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(seeded):
    return BlogPage.objects.live().order_by("pk").first()


HEADER_BOOK = re.compile(r'class="button button--primary site-header__cta" href="([^"]+)"')


def _book_link(html):
    return html_lib.unescape(HEADER_BOOK.search(html).group(1))


def test_book_links_on_a_page_carry_that_page(client, article):
    link = _book_link(client.get(article.url).content.decode())
    assert link == f"/book/?source={article.pk}"


def test_the_booking_page_does_not_name_itself_as_the_source(client, seeded):
    assert _book_link(client.get("/book/").content.decode()) == "/book/"


def test_the_source_is_carried_through_every_step(client, office, open_slot, article):
    step1 = client.get("/book/", {"source": article.pk}).content.decode()
    assert f'name="source" value="{article.pk}"' in step1
    choose = {"mode": Mode.IN_PERSON, "office": office.pk, "source": article.pk}
    step2 = client.get("/book/times/", choose).content.decode()
    assert f'name="source" value="{article.pk}"' in step2
    step3 = client.get("/book/details/", {**choose, "slot": open_slot.value}).content.decode()
    assert f'name="source" value="{article.pk}"' in step3


def test_a_booking_records_the_page_it_started_from(office, open_slot, article, submit):
    response = submit(booking_data(office, open_slot, source=str(article.pk)))
    assert response.status_code == 302
    assert ConsultationRequest.objects.get().source_page_id == article.pk


@pytest.mark.parametrize("junk", ["abc", "-1", "999999", "1" * 40, ""])
def test_a_junk_source_is_dropped_and_the_booking_still_goes_through(
    office, open_slot, submit, junk
):
    response = submit(booking_data(office, open_slot, source=junk))
    assert response.status_code == 302
    assert ConsultationRequest.objects.get().source_page is None


def test_a_draft_page_is_not_recorded_as_a_source(office, open_slot, article, submit):
    article.unpublish()
    submit(booking_data(office, open_slot, source=str(article.pk)))
    assert ConsultationRequest.objects.get().source_page is None


def _made(office, article, days_ago, hour):
    starts = timezone.now() + datetime.timedelta(days=3, hours=hour)
    booking = ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=demo_clinician(),
        starts_at=starts,
        first_name="A",
        last_name="B",
        email="a@example.com",
        phone="+13105550150",
        consent_at=timezone.now(),
        source_page=article,
    )
    made = timezone.now() - datetime.timedelta(days=days_ago)
    ConsultationRequest.objects.filter(pk=booking.pk).update(created_at=made)


def test_report_counts_bookings_per_page_for_30_and_90_days(office, article, seeded):
    other = BlogPage.objects.live().exclude(pk=article.pk).first()
    for hour, days_ago in enumerate([1, 10, 45, 200]):
        _made(office, article, days_ago, hour)
    _made(office, other, 60, 10)
    with CaptureQueriesContext(connection) as queries:
        rows = bookings_by_source()
    assert len(queries) == 1
    assert [(r["title"], r["days_30"], r["days_90"]) for r in rows] == [
        (article.title, 2, 3),
        (other.title, 0, 1),
    ]


def test_the_dashboard_shows_the_source_report(admin_client_logged_in, office, article):
    _made(office, article, 2, 0)
    html = admin_client_logged_in.get("/admin/").content.decode()
    assert "Where bookings start" in html
    assert f'data-source-page="{article.pk}"' in html
    assert article.title in html


def test_deleting_the_page_keeps_the_booking(office, open_slot, article, submit):
    submit(booking_data(office, open_slot, source=str(article.pk)))
    article.delete()
    assert ConsultationRequest.objects.get().source_page is None
