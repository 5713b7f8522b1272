"""Exports of the request list: XLSX and CSV, filtered, logged, a week at a time."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from consultations import availability, staff
from tests.consultations.admin_screens import INDEX, log_entries, make_request

pytestmark = pytest.mark.django_db


# --- Export ---------------------------------------------------------------------------------


def test_xlsx_export_of_the_filtered_listing_is_logged_per_request(front_desk, booked):
    response = front_desk.get(INDEX, {"export": "xlsx", "status": "new"})
    assert response.status_code == 200
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = list(sheet.values)
    assert rows[0][0] == "Reference"
    assert rows[1][0] == booked.reference
    assert "Ana" in rows[1]
    entries = log_entries(booked, staff.EXPORTED)
    assert entries.count() == 1 and entries.get().user.username == "desk"


def test_csv_export_honours_filters(front_desk, booked):
    response = front_desk.get(INDEX, {"export": "csv", "status": "cancelled"})
    body = b"".join(response.streaming_content).decode()
    assert booked.reference not in body
    assert not log_entries(booked, staff.EXPORTED).exists()


def test_xlsx_export_of_a_week_holds_exactly_that_weeks_bookings(front_desk, office):
    zone = availability.practice_zone()
    monday = timezone.localdate() + datetime.timedelta(days=14 - timezone.localdate().weekday())
    sunday = monday + datetime.timedelta(days=6)

    def at(day, hour, minute=0):
        return availability.local_to_utc(day, datetime.time(hour, minute), zone)

    inside = [
        make_request(office, at(monday, 0, 15)),
        make_request(office, at(monday + datetime.timedelta(days=3), 10)),
        make_request(office, at(sunday, 23, 30)),
    ]
    outside = [
        make_request(office, at(monday - datetime.timedelta(days=1), 23, 30)),
        make_request(office, at(sunday + datetime.timedelta(days=1), 0, 15)),
    ]
    response = front_desk.get(
        INDEX,
        {
            "export": "xlsx",
            "starts_at_from": monday.isoformat(),
            "starts_at_to": sunday.isoformat(),
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(load_workbook(io.BytesIO(body)).active.values)
    assert {row[0] for row in rows[1:]} == {r.reference for r in inside}
    logged = ModelLogEntry.objects.filter(action=staff.EXPORTED)
    assert set(logged.values_list("object_id", flat=True)) == {str(r.pk) for r in inside}
    assert not any(str(r.pk) in logged.values_list("object_id", flat=True) for r in outside)
