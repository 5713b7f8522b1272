"""The front desk's workspace in the Wagtail admin: listing, search, export, actions, audit,
roles, dashboard and data retention."""

import datetime
import io
import logging
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from consultations import availability, links, staff
from consultations.admin_views import dashboard_summary
from consultations.models import (
    ConsultationNote,
    ConsultationRequest,
    Mode,
    Notification,
    Procedure,
    ScheduleException,
    ScheduleRule,
    Status,
)
from consultations.retention import purge_expired, purge_expired_task
from practice.roles import CONTENT_EDITORS, FRONT_DESK, ensure_roles
from tests.consultations.conftest import booking_data

pytestmark = pytest.mark.django_db

INDEX = "/admin/consultation_requests/"


@pytest.fixture
def roles(seeded):
    ensure_roles()


def _member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def front_desk(client, roles, django_user_model):
    client.force_login(_member(django_user_model, "desk", FRONT_DESK))
    return client


@pytest.fixture
def editor(client, roles, django_user_model):
    client.force_login(_member(django_user_model, "writer", CONTENT_EDITORS))
    return client


@pytest.fixture
def booked(office, open_slot, submit):
    submit(booking_data(office, open_slot))
    return ConsultationRequest.objects.get()


def _entries(consultation, action):
    return ModelLogEntry.objects.filter(object_id=str(consultation.pk), action=action)


# --- Listing, search, filters -------------------------------------------------------------


def test_front_desk_finds_a_booking_by_phone_name_email_and_reference(front_desk, booked):
    for query in (
        "(310) 555-0123",
        "3105550123",
        "555-0123",
        "Ana Morales",
        "ana@example",
        booked.reference.lower(),
    ):
        response = front_desk.get(INDEX, {"q": query})
        assert response.status_code == 200
        assert booked.reference in response.content.decode(), query
    response = front_desk.get(INDEX, {"q": "(212) 555-0000"})
    assert booked.reference not in response.content.decode()


def test_listing_filters_by_status_office_mode_procedure_and_date(front_desk, booked, office):
    day = timezone.localtime(booked.starts_at).date()
    procedure = booked.procedures.get()
    matching = [
        {"status": "new"},
        {"office": office.pk},
        {"mode": Mode.IN_PERSON},
        {"procedures": procedure.pk},
        {"starts_at_from": day.isoformat(), "starts_at_to": day.isoformat()},
    ]
    for params in matching:
        assert booked.reference in front_desk.get(INDEX, params).content.decode(), params
    other_procedure = Procedure.objects.exclude(pk=procedure.pk).first()
    excluding = [
        {"status": "confirmed"},
        {"mode": Mode.VIDEO},
        {"procedures": other_procedure.pk},
        {"starts_at_from": (day + datetime.timedelta(days=1)).isoformat()},
    ]
    for params in excluding:
        assert booked.reference not in front_desk.get(INDEX, params).content.decode(), params


def test_listing_shows_the_slot_in_practice_time_and_junk_filters_do_not_break_it(
    front_desk, booked
):
    html = front_desk.get(INDEX).content.decode()
    assert booked.slot_display in html
    for junk in (
        {"status": "nonsense"},
        {"starts_at_from": "not-a-date"},
        {"p": "abc"},
        {"ordering": "bogus"},
    ):
        assert front_desk.get(INDEX, junk).status_code in (200, 404)


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
    entries = _entries(booked, staff.EXPORTED)
    assert entries.count() == 1 and entries.get().user.username == "desk"


def test_csv_export_honours_filters(front_desk, booked):
    response = front_desk.get(INDEX, {"export": "csv", "status": "cancelled"})
    body = b"".join(response.streaming_content).decode()
    assert booked.reference not in body
    assert not _entries(booked, staff.EXPORTED).exists()


# --- Detail, actions, history ----------------------------------------------------------------


def test_detail_shows_everything_and_records_who_looked(front_desk, booked):
    response = front_desk.get(f"{INDEX}inspect/{booked.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "I would like to discuss my eyelids." in html
    assert "Confirmation to visitor" in html  # notification delivery state
    assert "Confirm" in html
    assert _entries(booked, staff.VIEWED).get().user.username == "desk"


def test_confirm_with_a_note_shows_in_history(front_desk, booked):
    response = front_desk.post(
        f"{INDEX}status/{booked.pk}/", {"status": "confirmed", "note": "Called; all set."}
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == Status.CONFIRMED
    note = ConsultationNote.objects.get()
    assert note.text == "Called; all set." and note.author.username == "desk"
    history = front_desk.get(f"{INDEX}history/{booked.pk}/").content.decode()
    assert "Status changed" in history and "Internal note added" in history
    assert "desk" in history
    # The note is internal: the visitor's own page never shows it.
    visitor_page = front_desk.get(f"/book/manage/{links.make_token(booked)}/").content.decode()
    assert "all set" not in visitor_page


def test_transitions_follow_the_one_table(front_desk, booked):
    front_desk.post(f"{INDEX}status/{booked.pk}/", {"status": "cancelled"})
    response = front_desk.post(f"{INDEX}status/{booked.pk}/", {"status": "confirmed"}, follow=True)
    assert response.status_code == 200
    assert "cannot become confirmed" in response.content.decode()
    booked.refresh_from_db()
    assert booked.status == Status.CANCELLED


def test_staff_reschedule_uses_the_same_rules(front_desk, booked, office, submit):
    free = [
        s for d in availability.open_slots(Mode.IN_PERSON, office.pk, days=14).values() for s in d
    ]
    taken = free[1]
    submit(booking_data(office, taken, email="other@example.com"))
    url = f"{INDEX}reschedule/{booked.pk}/"
    assert front_desk.get(url).status_code == 200
    response = front_desk.post(url, {"slot": taken.value})
    assert response.status_code == 400
    assert "just taken" in response.content.decode()
    response = front_desk.post(url, {"slot": free[2].value})
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.starts_at == free[2].starts_at
    assert _entries(booked, staff.RESCHEDULED).exists()


def test_requests_cannot_be_added_or_deleted_in_the_admin(admin_client_logged_in, booked):
    assert admin_client_logged_in.get(f"{INDEX}new/").status_code == 404
    assert admin_client_logged_in.get(f"{INDEX}delete/{booked.pk}/").status_code == 404


def test_editing_contact_details_is_logged(front_desk, booked):
    from wagtail.test.utils.form_data import nested_form_data

    data = nested_form_data(
        {
            "first_name": "Ana",
            "last_name": "Morales-Ruiz",
            "email": "ana@example.com",
            "phone": "+13105550123",
            "preferred_contact": "phone",
        }
    )
    response = front_desk.post(f"{INDEX}edit/{booked.pk}/", data)
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.last_name == "Morales-Ruiz"
    assert _entries(booked, "wagtail.edit").exists()


# --- Roles ----------------------------------------------------------------------------------


def test_content_editors_cannot_reach_any_consultation_data(editor, booked):
    refused = [
        INDEX,
        f"{INDEX}inspect/{booked.pk}/",
        f"{INDEX}edit/{booked.pk}/",
        f"{INDEX}history/{booked.pk}/",
        f"{INDEX}?export=xlsx",
        f"{INDEX}reschedule/{booked.pk}/",
        "/admin/schedulerule/",
        "/admin/availability_preview/",
    ]
    for url in refused:
        response = editor.get(url)
        assert response.status_code in (302, 403), url
        assert booked.email not in response.content.decode()
    refused_post = editor.post(f"{INDEX}status/{booked.pk}/", {"status": "cancelled"})
    assert refused_post.status_code in (302, 403)
    booked.refresh_from_db()
    assert booked.status == Status.NEW
    dashboard = editor.get("/admin/").content.decode()
    assert "consultation_requests" not in dashboard
    assert "data-front-desk-panel" not in dashboard
    assert editor.get("/admin/pages/").status_code == 200
    assert editor.get("/admin/images/").status_code == 200


def test_front_desk_cannot_edit_pages(front_desk, home):
    assert front_desk.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)
    assert front_desk.get("/admin/images/").status_code in (302, 403)
    html = front_desk.get("/admin/").content.decode()
    assert "data-front-desk-panel" in html
    assert "/admin/consultation_requests/" in html


def test_superusers_see_everything(admin_client_logged_in, booked):
    for url in (
        INDEX,
        f"{INDEX}inspect/{booked.pk}/",
        "/admin/schedulerule/",
        "/admin/availability_preview/",
        "/admin/pages/",
    ):
        assert admin_client_logged_in.get(url).status_code == 200, url


# --- Schedules ----------------------------------------------------------------------------


def test_schedule_validation_in_the_admin(front_desk, office):
    before = ScheduleRule.objects.count()
    response = front_desk.post(
        "/admin/schedulerule/new/",
        {
            "mode": "in_person",
            "office": office.pk,
            "weekday": 0,
            "start": "12:00",
            "end": "09:00",
            "slot_minutes": 45,
        },
    )
    assert response.status_code == 200
    assert "end after it starts" in response.content.decode()
    existing = ScheduleRule.objects.filter(office=office).first()
    response = front_desk.post(
        "/admin/schedulerule/new/",
        {
            "mode": "in_person",
            "office": office.pk,
            "weekday": existing.weekday,
            "start": existing.start.strftime("%H:%M"),
            "end": existing.end.strftime("%H:%M"),
            "slot_minutes": 45,
        },
    )
    assert response.status_code == 200
    assert "overlaps" in response.content.decode()
    assert ScheduleRule.objects.count() == before


def test_availability_preview_shows_the_effect_of_an_exception(front_desk, office):
    day, slots = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk, days=14).items()))
    label = f"{day:%a} {day.day} {day:%b}"
    html = front_desk.get("/admin/availability_preview/").content.decode()
    assert label in html and office.title in html
    ScheduleException.objects.create(mode=Mode.IN_PERSON, office=office, date=day)
    html = front_desk.get("/admin/availability_preview/").content.decode()
    section = html.split(office.title, 1)[1].split("<h2", 1)[0]
    assert label not in section


# --- Dashboard ------------------------------------------------------------------------------


def test_dashboard_counts_in_a_fixed_number_of_queries(office, submit, settings):
    settings.BOOKING_RATE_LIMIT_ENABLED = False
    slots = [
        s for d in availability.open_slots(Mode.IN_PERSON, office.pk, days=7).values() for s in d
    ]

    def measure():
        with CaptureQueriesContext(connection) as queries:
            summary = dashboard_summary()
        return summary, len(queries)

    submit(booking_data(office, slots[0]))
    small, few = measure()
    for i, slot in enumerate(slots[1:12]):
        submit(booking_data(office, slot, email=f"p{i}@example.com"))
    Notification.objects.filter(pk=Notification.objects.first().pk).update(state="failed")
    large, many = measure()
    assert few == many <= 4
    assert large["new_count"] == small["new_count"] + len(slots[1:12])
    assert large["failed_notifications"] == 1
    week = sum(r["week"] for r in large["resources"])
    assert week == ConsultationRequest.objects.filter(starts_at__isnull=False).count()


# --- Retention ------------------------------------------------------------------------------


def _old(office, months_ago, **fields):
    starts_at = timezone.now() - datetime.timedelta(days=31 * months_ago)
    request = ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        starts_at=starts_at,
        first_name="Old",
        last_name="Patient",
        email="old@example.com",
        phone="+13105550111",
        message="Private details",
        consent_at=starts_at,
        **fields,
    )
    request.procedures.set(Procedure.objects.all()[:2])
    ConsultationNote.objects.create(request=request, text="Internal")
    return request


def test_purge_anonymises_only_expired_requests_and_is_repeatable(office, caplog):
    expired = _old(office, 26)
    recent = _old(office, 3)
    callback = ConsultationRequest.objects.create(
        mode=Mode.VIDEO,
        first_name="Cal",
        last_name="Back",
        email="cal@example.com",
        phone="+13105550112",
        consent_at=timezone.now(),
    )
    ConsultationRequest.objects.filter(pk=callback.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31 * 25)
    )
    out = StringIO()
    call_command("purge_consultations", "--dry-run", stdout=out)
    assert "2 request(s)" in out.getvalue()
    assert ConsultationRequest.objects.filter(anonymised=True).count() == 0

    with caplog.at_level(logging.INFO):
        call_command("purge_consultations", stdout=StringIO())
    expired.refresh_from_db()
    assert expired.anonymised and expired.first_name == "" and expired.email == ""
    assert expired.message == "" and str(expired.phone) == ""
    assert expired.procedures.count() == 0 and not expired.notes.exists()
    # Counts for reporting survive: status, mode, office and date are kept.
    assert expired.status == Status.NEW and expired.office == office and expired.starts_at
    assert ConsultationRequest.objects.get(pk=callback.pk).anonymised
    recent.refresh_from_db()
    assert not recent.anonymised and recent.first_name == "Old"
    log_text = " ".join(r.getMessage() for r in caplog.records)
    assert "anonymised 2" in log_text
    assert "Old" not in log_text and "old@example.com" not in log_text

    assert purge_expired() == 0  # safe to repeat


def test_retention_period_is_configurable_and_runs_as_a_task(office, settings):
    _old(office, 7)
    settings.CONSULTATION_RETENTION_MONTHS = 6
    result = purge_expired_task.enqueue()  # the test settings run tasks at once
    assert result.return_value == 1
    assert ConsultationRequest.objects.filter(anonymised=True).count() == 1
