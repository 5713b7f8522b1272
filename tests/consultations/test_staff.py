"""The front desk's workspace in the Wagtail admin: listing, search, export, actions, audit,
roles, dashboard and data retention."""

import datetime
import io
import logging
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from blog.models import BlogPage
from consultations import availability, links, staff
from consultations.admin.dashboard import dashboard_summary
from consultations.models import (
    BookingSettings,
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
from consultations.wagtail_hooks import FrontDeskPanel
from practice.roles import CONTENT_EDITORS, FRONT_DESK, ensure_roles
from tests.consultations.conftest import booking_data, demo_clinician

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


def _contact_form(consultation, **fields):
    from wagtail.test.utils.form_data import nested_form_data

    return nested_form_data(
        {
            "first_name": consultation.first_name,
            "last_name": consultation.last_name,
            "email": consultation.email,
            "phone": str(consultation.phone),
            "preferred_contact": consultation.preferred_contact,
            **fields,
        }
    )


def test_front_desk_pastes_a_video_join_link_and_sees_it_on_the_request(front_desk, booked):
    ConsultationRequest.objects.filter(pk=booked.pk).update(mode=Mode.VIDEO, office=None)
    booked.refresh_from_db()
    pasted = "https://whereby.example.com/practice-room-7f3a9c"
    response = front_desk.post(
        f"{INDEX}edit/{booked.pk}/", _contact_form(booked, video_join_url=pasted)
    )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.video_join_url == pasted
    assert pasted in front_desk.get(f"{INDEX}inspect/{booked.pk}/").content.decode()


def test_an_in_person_booking_refuses_a_join_link(front_desk, booked):
    response = front_desk.post(
        f"{INDEX}edit/{booked.pk}/",
        _contact_form(booked, video_join_url="https://meet.example.com/room"),
    )
    assert response.status_code == 200
    assert "Only video consultations have a join link." in response.content.decode()
    booked.refresh_from_db()
    assert booked.video_join_url == ""


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
            "clinician": demo_clinician().pk,
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
            "clinician": existing.clinician_id,
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
    ScheduleException.objects.create(
        clinician=demo_clinician(), mode=Mode.IN_PERSON, office=office, date=day
    )
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


# --- Retention ------------------------------------------------------------------------------


def _old(office, months_ago, **fields):
    starts_at = timezone.now() - datetime.timedelta(days=31 * months_ago)
    request = ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=demo_clinician(),
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


# --- Reading personal data is logged --------------------------------------------------------


def test_opening_the_edit_form_is_recorded_as_a_view(front_desk, booked):
    response = front_desk.get(f"{INDEX}edit/{booked.pk}/")
    assert response.status_code == 200
    assert booked.email in response.content.decode()
    entry = _entries(booked, staff.VIEWED).get()
    assert entry.user.username == "desk" and entry.data == {"screen": "edit"}
    history = front_desk.get(f"{INDEX}history/{booked.pk}/").content.decode()
    assert "Viewed the request" in history


# --- Notes and status forms validate what they are sent --------------------------------------


@pytest.fixture
def noted(front_desk, booked):
    """The booking with one saved note, to show a refused note loses nothing."""
    front_desk.post(f"{INDEX}note/{booked.pk}/", {"text": "First call made."})
    assert ConsultationNote.objects.get().text == "First call made."
    return booked


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Called\x00 back", "invisible control characters"),
        ("x" * 2001, "at most 2000 characters"),
        ("   ", "Write the note first."),
    ],
    ids=["nul", "oversized", "blank"],
)
def test_a_bad_note_is_refused_with_a_message_and_loses_nothing(front_desk, noted, text, error):
    response = front_desk.post(f"{INDEX}note/{noted.pk}/", {"text": text})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert list(ConsultationNote.objects.values_list("text", flat=True)) == ["First call made."]
    assert _entries(noted, staff.NOTE_ADDED).count() == 1


def test_a_note_keeps_its_line_breaks_and_tabs(front_desk, booked):
    front_desk.post(f"{INDEX}note/{booked.pk}/", {"text": "Line one\r\n\tLine two"})
    assert ConsultationNote.objects.get().text == "Line one\r\n\tLine two"


def test_a_status_change_with_a_bad_note_names_the_note_and_changes_nothing(front_desk, booked):
    response = front_desk.post(
        f"{INDEX}status/{booked.pk}/", {"status": "confirmed", "note": "All\x00 set"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "invisible control characters" in html
    assert "Choose a status." not in html
    booked.refresh_from_db()
    assert booked.status == Status.NEW
    assert not ConsultationNote.objects.exists()
    assert not _entries(booked, staff.STATUS_CHANGED).exists()


def test_a_status_change_without_a_valid_status_asks_for_one(front_desk, booked):
    for data in ({}, {"status": "archived"}):
        response = front_desk.post(f"{INDEX}status/{booked.pk}/", data)
        assert response.status_code == 400
        assert "Choose a status." in response.content.decode()
    booked.refresh_from_db()
    assert booked.status == Status.NEW


def test_action_urls_answer_a_get_with_the_detail_page(front_desk, booked):
    for action in ("note", "status"):
        response = front_desk.get(f"{INDEX}{action}/{booked.pk}/")
        assert response.status_code == 302
        assert response["Location"] == f"{INDEX}inspect/{booked.pk}/"


# --- Outcomes only once the consultation's time has come --------------------------------------


def _request(office, starts_at, **fields):
    return ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=demo_clinician(),
        starts_at=starts_at,
        first_name="Bea",
        last_name="Lopez",
        email="bea@example.com",
        phone="+13105550150",
        consent_at=timezone.now(),
        **fields,
    )


@pytest.mark.parametrize("outcome", [Status.COMPLETED, Status.NO_SHOW])
def test_a_future_booking_cannot_be_marked_completed_or_no_show(front_desk, booked, outcome):
    front_desk.post(f"{INDEX}status/{booked.pk}/", {"status": "confirmed"})
    response = front_desk.post(f"{INDEX}status/{booked.pk}/", {"status": outcome}, follow=True)
    assert "only once its time has come" in response.content.decode()
    booked.refresh_from_db()
    assert booked.status == Status.CONFIRMED
    assert _entries(booked, staff.STATUS_CHANGED).count() == 1  # the confirmation only
    html = front_desk.get(f"{INDEX}inspect/{booked.pk}/").content.decode()
    assert f'value="{outcome.value}"' not in html
    assert 'value="cancelled"' in html


@pytest.mark.parametrize("outcome", [Status.COMPLETED, Status.NO_SHOW])
def test_a_past_booking_can_be_marked_completed_or_no_show(front_desk, office, outcome):
    past = _request(office, timezone.now() - datetime.timedelta(hours=2), status=Status.CONFIRMED)
    assert (
        f'value="{outcome.value}"' in front_desk.get(f"{INDEX}inspect/{past.pk}/").content.decode()
    )
    front_desk.post(f"{INDEX}status/{past.pk}/", {"status": outcome})
    past.refresh_from_db()
    assert past.status == outcome


# --- Failed emails: from the dashboard to the requests ----------------------------------------


def test_listing_filters_by_email_delivery_state(front_desk, booked, office):
    other = _request(office, booked.starts_at + datetime.timedelta(days=1))
    Notification.objects.create(request=other, kind="visitor_confirmation", state="sent")
    booked.notifications.update(state="pending")
    failed = booked.notifications.first()
    failed.state = "failed"
    failed.save()
    expected = {"failed": {booked}, "pending": {booked}, "sent": {other}}
    for state, shown in expected.items():
        listed = list(front_desk.get(INDEX, {"emails": state}).context["object_list"])
        # One row per request, however many of its emails match.
        assert listed == list(shown), state


def test_dashboard_links_failed_emails_to_the_filtered_listing(front_desk, booked):
    html = front_desk.get("/admin/").content.decode()
    assert "?emails=failed" not in html
    booked.notifications.update(state="failed")
    html = front_desk.get("/admin/").content.decode()
    assert f'href="{INDEX}?emails=failed"' in html
    assert booked.reference in front_desk.get(f"{INDEX}?emails=failed").content.decode()


# --- Sorting, pagination, a week's export ----------------------------------------------------


def _references_in_order(html, references):
    return sorted(references, key=html.index)


def test_listing_sorts_by_consultation_time_both_ways(front_desk, office):
    soon = timezone.now() + datetime.timedelta(days=2)
    requests = [_request(office, soon + datetime.timedelta(hours=h)) for h in (5, 1, 3)]
    by_time = [r.reference for r in sorted(requests, key=lambda r: r.starts_at)]
    html = front_desk.get(INDEX, {"ordering": "starts_at"}).content.decode()
    assert _references_in_order(html, by_time) == by_time
    html = front_desk.get(INDEX, {"ordering": "-starts_at"}).content.decode()
    assert _references_in_order(html, by_time) == by_time[::-1]


def test_listing_second_page_holds_the_rows_after_the_first_25(front_desk, office):
    first = timezone.now() + datetime.timedelta(days=3)
    requests = [_request(office, first + datetime.timedelta(hours=h)) for h in range(30)]
    page_two = front_desk.get(INDEX, {"ordering": "starts_at", "p": 2})
    assert page_two.status_code == 200
    html = page_two.content.decode()
    assert [r.reference for r in requests if r.reference in html] == [
        r.reference for r in requests[25:]
    ]


def test_xlsx_export_of_a_week_holds_exactly_that_weeks_bookings(front_desk, office):
    zone = availability.practice_zone()
    monday = timezone.localdate() + datetime.timedelta(days=14 - timezone.localdate().weekday())
    sunday = monday + datetime.timedelta(days=6)

    def at(day, hour, minute=0):
        return availability.local_to_utc(day, datetime.time(hour, minute), zone)

    inside = [
        _request(office, at(monday, 0, 15)),
        _request(office, at(monday + datetime.timedelta(days=3), 10)),
        _request(office, at(sunday, 23, 30)),
    ]
    outside = [
        _request(office, at(monday - datetime.timedelta(days=1), 23, 30)),
        _request(office, at(sunday + datetime.timedelta(days=1), 0, 15)),
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


# --- Roles: what each menu offers and each URL refuses -----------------------------------------

SETTINGS = "/admin/settings/consultations/bookingsettings/"
CONTENT_AREAS = [
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/people/author/",
    "/admin/snippets/blog/blogcategory/",
]
FRONT_DESK_AREAS = [
    INDEX,
    "/admin/schedulerule/",
    "/admin/scheduleexception/",
    "/admin/procedure/",
    "/admin/availability_preview/",
    SETTINGS,
]


def _menu_urls(client):
    """Every link in the admin's sidebar menu (Wagtail renders it as JSON for its script)."""
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    return set(re.findall(r'"url": "([^"]+)"', props.group(1)))


def _refused(client, url):
    """Refused outright, or sent (maybe through a redirect) to the dashboard with a message."""
    response = client.get(url, follow=True)
    if response.status_code == 403:
        return True
    return bool(response.redirect_chain) and response.request["PATH_INFO"] == "/admin/"


def test_content_editors_are_refused_schedules_procedures_settings_notes_and_exports(
    editor, booked
):
    procedure = booked.procedures.get()
    for url in [
        "/admin/scheduleexception/",
        "/admin/scheduleexception/new/",
        "/admin/procedure/",
        f"/admin/procedure/edit/{procedure.pk}/",
        f"/admin/procedure/delete/{procedure.pk}/",
        SETTINGS,
        f"{SETTINGS}1/",
        f"{INDEX}?export=csv",
        f"{INDEX}?export=xlsx",
        f"{INDEX}?export=csv&status=new",
    ]:
        assert _refused(editor, url), url
    assert editor.post(f"{INDEX}note/{booked.pk}/", {"text": "Sneaky"}).status_code in (302, 403)
    assert editor.post(f"/admin/procedure/delete/{procedure.pk}/").status_code in (302, 403)
    assert not ConsultationNote.objects.exists()
    assert Procedure.objects.filter(pk=procedure.pk).exists()
    assert not _entries(booked, staff.EXPORTED).exists()
    assert not set(FRONT_DESK_AREAS) & _menu_urls(editor)
    # The site history report does not list the requests' audit entries either.
    staff.record_view(booked, None)
    assert booked.reference not in editor.get("/admin/reports/site-history/").content.decode()


def test_front_desk_menu_offers_no_pages_images_documents_or_blog_snippets(front_desk):
    menu = _menu_urls(front_desk)
    assert set(FRONT_DESK_AREAS) <= menu
    assert not set(CONTENT_AREAS) & menu
    assert not any(url.startswith("/admin/snippets/") for url in menu)


def test_front_desk_is_refused_blog_snippets_documents_images_and_page_editing(front_desk, home):
    article = BlogPage.objects.live().first()
    for url in [
        *CONTENT_AREAS,
        "/admin/snippets/",
        "/admin/snippets/people/author/add/",
        "/admin/documents/multiple/add/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{home.pk}/add_subpage/",
    ]:
        assert _refused(front_desk, url), url
    response = front_desk.post(f"/admin/pages/{article.pk}/edit/", {"title": "Hijacked"})
    assert response.status_code in (302, 403)
    assert BlogPage.objects.get(pk=article.pk).title != "Hijacked"


def test_superusers_menu_and_urls_cover_both_roles(admin_client_logged_in, booked):
    assert set(FRONT_DESK_AREAS + CONTENT_AREAS) <= _menu_urls(admin_client_logged_in)
    for url in [
        *FRONT_DESK_AREAS,
        *CONTENT_AREAS,
        f"{SETTINGS}1/",
        f"{INDEX}edit/{booked.pk}/",
        f"{INDEX}history/{booked.pk}/",
    ]:
        response = admin_client_logged_in.get(url, follow=True)
        assert response.status_code == 200, url
    response = admin_client_logged_in.get(INDEX, {"export": "csv"})
    assert booked.reference in b"".join(response.streaming_content).decode()


# --- Schedule exceptions and booking rules in the admin ---------------------------------------


def _exception_form(at_office, day, **fields):
    # An evening session: outside the demo's weekly sessions.
    return {
        "clinician": demo_clinician().pk,
        "mode": "in_person",
        "office": at_office.pk,
        "date": day.isoformat(),
        "kind": "extra",
        "start": "19:00",
        "end": "20:30",
        "slot_minutes": 45,
        "note": "",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"start": "", "end": ""}, "needs a start time"),
        ({"end": ""}, "needs an end time"),
        ({"start": "20:00", "end": "19:00"}, "end after it starts"),
        ({"start": "19:00", "end": "19:00"}, "end after it starts"),
    ],
    ids=["no-times", "no-end", "end-before-start", "zero-length"],
)
def test_extra_session_needs_a_start_before_its_end(front_desk, office, fields, error):
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = front_desk.post(
        "/admin/scheduleexception/new/", _exception_form(office, day, **fields)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ScheduleException.objects.filter(date=day).exists()


def test_a_valid_extra_session_is_saved_and_a_closed_day_needs_no_times(front_desk, office):
    day = timezone.localdate() + datetime.timedelta(days=10)
    assert (
        front_desk.post("/admin/scheduleexception/new/", _exception_form(office, day)).status_code
        == 302
    )
    response = front_desk.post(
        "/admin/scheduleexception/new/",
        _exception_form(office, day + datetime.timedelta(days=1), kind="closed", start="", end=""),
    )
    assert response.status_code == 302
    assert (
        ScheduleException.objects.filter(
            office=office, date__in=[day, day + datetime.timedelta(days=1)]
        ).count()
        == 2
    )


def test_extra_sessions_may_not_overlap_each_other_or_the_weekly_session(front_desk, office):
    # The demo's closures (relative to today) could fall on the chosen day and open it up.
    ScheduleException.objects.filter(office=office).delete()
    office.hours_exceptions.all().delete()
    weekly = ScheduleRule.objects.filter(office=office).first()
    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 + (weekly.weekday - today.weekday()) % 7)
    front_desk.post("/admin/scheduleexception/new/", _exception_form(office, day))
    assert ScheduleException.objects.filter(date=day).count() == 1
    response = front_desk.post(
        "/admin/scheduleexception/new/", _exception_form(office, day, start="20:00", end="21:00")
    )
    assert response.status_code == 200
    assert "overlaps another extra session" in response.content.decode()
    inside_weekly = _exception_form(
        office, day, start=weekly.start.strftime("%H:%M"), end=weekly.end.strftime("%H:%M")
    )
    response = front_desk.post("/admin/scheduleexception/new/", inside_weekly)
    assert response.status_code == 200
    assert "overlaps the weekly session" in response.content.decode()
    assert ScheduleException.objects.filter(date=day).count() == 1


def test_in_person_exception_needs_an_office(front_desk, office):
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = front_desk.post(
        "/admin/scheduleexception/new/", _exception_form(office, day, office="")
    )
    assert response.status_code == 200
    assert "Choose the office" in response.content.decode()
    assert not ScheduleException.objects.filter(date=day).exists()


def _booking_rules_form(**fields):
    return {
        "min_notice_hours": 24,
        "horizon_days": 60,
        "video_instructions": "Join from a quiet room.",
        "first_reminder_hours": 24,
        "second_reminder_hours": "",
        "video_link_template": "https://meet.jit.si/{room}",
        "video_link_opens_minutes": 30,
        "travel_minutes": 0,
        **fields,
    }


def test_front_desk_changes_minimum_notice_and_horizon(front_desk):
    response = front_desk.post(
        f"{SETTINGS}1/", _booking_rules_form(min_notice_hours=48, horizon_days=90)
    )
    assert response.status_code == 302
    rules = BookingSettings.load()
    assert (rules.min_notice_hours, rules.horizon_days) == (48, 90)


def test_front_desk_sets_a_second_reminder(front_desk):
    response = front_desk.post(f"{SETTINGS}1/", _booking_rules_form(second_reminder_hours=2))
    assert response.status_code == 302
    assert BookingSettings.load().second_reminder_hours == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"horizon_days": 0},
        {"horizon_days": 366},
        {"horizon_days": "soon"},
        {"min_notice_hours": -1},
        {"min_notice_hours": 24 * 30 + 1},
        {"min_notice_hours": ""},
        {"first_reminder_hours": 0},
        {"video_link_template": "http://meet.example.com/{room}"},
        {"video_link_template": "https://meet.example.com/fixed-room"},
    ],
    ids=[
        "horizon-0",
        "horizon-366",
        "horizon-text",
        "notice-negative",
        "notice-huge",
        "blank",
        "reminder-0",
        "video-link-not-https",
        "video-link-without-room",
    ],
)
def test_bad_booking_rules_are_refused_with_a_form_error(front_desk, fields):
    before = BookingSettings.load()
    response = front_desk.post(f"{SETTINGS}1/", _booking_rules_form(**fields))
    assert response.status_code == 200
    assert "error-message" in response.content.decode()
    after = BookingSettings.load()
    assert (after.min_notice_hours, after.horizon_days) == (
        before.min_notice_hours,
        before.horizon_days,
    )


# --- Procedures in use are deactivated, not deleted ----------------------------------------------


def test_a_procedure_named_in_requests_cannot_be_deleted(front_desk, booked):
    procedure = booked.procedures.get()
    url = f"/admin/procedure/delete/{procedure.pk}/"
    response = front_desk.get(url, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/procedure/edit/{procedure.pk}/"
    assert "Untick “Active”" in response.content.decode()
    response = front_desk.post(url)
    assert response.status_code == 302
    assert Procedure.objects.filter(pk=procedure.pk).exists()
    assert list(booked.procedures.all()) == [procedure]


def test_an_unused_procedure_can_be_deleted(front_desk, booked):
    unused = Procedure.objects.create(name="Typo procedure")
    assert front_desk.get(f"/admin/procedure/delete/{unused.pk}/").status_code == 200
    response = front_desk.post(f"/admin/procedure/delete/{unused.pk}/")
    assert response.status_code == 302
    assert not Procedure.objects.filter(pk=unused.pk).exists()


# --- Retention: audit trail, task path, counts ---------------------------------------------------


def test_anonymising_writes_one_history_entry_per_request_without_personal_data(office):
    expired = [_old(office, 26), _old(office, 30)]
    recent = _old(office, 3)
    assert purge_expired() == 2
    entries = ModelLogEntry.objects.filter(action=staff.ANONYMISED)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(r.pk) for r in expired)
    for entry in entries:
        assert entry.user is None
        text = f"{entry.label} {entry.data}"
        assert "Old" not in text and "old@example.com" not in text and "555" not in text
    assert not _entries(recent, staff.ANONYMISED).exists()
    purge_expired()  # a second run anonymises nothing and logs nothing more
    assert ModelLogEntry.objects.filter(action=staff.ANONYMISED).count() == 2


def test_anonymising_is_shown_in_the_requests_history(front_desk, office):
    expired = _old(office, 26)
    purge_expired()
    history = front_desk.get(f"{INDEX}history/{expired.pk}/").content.decode()
    assert "Personal data removed after the retention period" in history


def test_purge_keeps_the_counts_for_reporting(office):
    for months, status in ((26, Status.COMPLETED), (27, Status.NO_SHOW), (28, Status.COMPLETED)):
        _old(office, months, status=status)
    _old(office, 2, status=Status.CONFIRMED)

    def counts():
        return sorted(
            ConsultationRequest.objects.values_list("status", "mode", "office_id")
            .order_by()
            .annotate(n=Count("pk"))
        )

    before = counts()
    assert purge_expired() == 3
    assert counts() == before


def test_purge_command_enqueues_the_task_with_its_options(office):
    _old(office, 7)
    _old(office, 26)
    out = StringIO()
    call_command("purge_consultations", "--enqueue", "--dry-run", stdout=out)
    assert "Queued retention task" in out.getvalue()
    assert not ConsultationRequest.objects.filter(anonymised=True).exists()
    # The test settings run tasks at once; the period given reaches the task.
    call_command("purge_consultations", "--enqueue", "--months", "6", stdout=StringIO())
    assert ConsultationRequest.objects.filter(anonymised=True).count() == 2


# --- Roles come from setup_roles, which is safe on every deploy ---------------------------------


def _role_state():
    return {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            group.page_permissions.count(),
            group.collection_permissions.count(),
        )
        for group in Group.objects.filter(name__in=[FRONT_DESK, CONTENT_EDITORS])
    }


def test_setup_roles_creates_the_groups_on_an_empty_site_and_is_idempotent(seeded):
    Group.objects.filter(name__in=[FRONT_DESK, CONTENT_EDITORS]).delete()
    call_command("setup_roles", stdout=StringIO())
    first = _role_state()
    assert set(first) == {FRONT_DESK, CONTENT_EDITORS}
    assert "change_consultationrequest" in first[FRONT_DESK][0]
    assert first[CONTENT_EDITORS][1] > 0 and first[CONTENT_EDITORS][2] > 0
    call_command("setup_roles", stdout=StringIO())
    assert _role_state() == first
    assert Group.objects.filter(name__in=[FRONT_DESK, CONTENT_EDITORS]).count() == 2


def test_setup_roles_keeps_what_an_administrator_added_unless_reset(roles):
    front_desk = Group.objects.get(name=FRONT_DESK)
    extra = Permission.objects.get(codename="view_author")
    front_desk.permissions.add(extra)
    call_command("setup_roles", stdout=StringIO())
    assert front_desk.permissions.filter(pk=extra.pk).exists()
    call_command("setup_roles", "--reset", stdout=StringIO())
    assert not front_desk.permissions.filter(pk=extra.pk).exists()
    assert front_desk.permissions.filter(codename="change_consultationrequest").exists()


def test_release_step_sets_up_roles_after_migrating():
    release = next(
        line
        for line in (Path(__file__).parents[2] / "Procfile").read_text().splitlines()
        if line.startswith("release:")
    )
    assert "manage.py setup_roles" in release
    assert release.index("manage.py migrate") < release.index("manage.py setup_roles")


def test_an_extra_session_may_use_the_weekly_hours_on_an_office_holiday(front_desk, office):
    from offices.models import HoursException

    ScheduleException.objects.filter(office=office).delete()
    weekly = ScheduleRule.objects.filter(office=office).first()
    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 + (weekly.weekday - today.weekday()) % 7)
    HoursException.objects.filter(page=office).delete()
    inside_weekly = _exception_form(
        office, day, start=weekly.start.strftime("%H:%M"), end=weekly.end.strftime("%H:%M")
    )
    refused = front_desk.post("/admin/scheduleexception/new/", inside_weekly)
    assert "overlaps the weekly session" in refused.content.decode()

    # Closed on the office page: the weekly session does not run, so its hours are free.
    HoursException.objects.create(page=office, date=day, closed=True, note="Holiday")
    response = front_desk.post("/admin/scheduleexception/new/", inside_weekly)
    assert response.status_code == 302
    assert ScheduleException.objects.filter(office=office, date=day, kind="extra").exists()
