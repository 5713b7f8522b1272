"""A request's screens: the detail, its actions (status, notes, move, contact details),
the history they write, and the forms' validation."""

import datetime

import pytest
from django.utils import timezone

from consultations import availability, links, staff
from consultations.models import ConsultationNote, ConsultationRequest, Mode, Status
from tests.consultations.admin_screens import INDEX, log_entries, make_request
from tests.consultations.conftest import booking_data

pytestmark = pytest.mark.django_db


# --- Detail, actions, history ----------------------------------------------------------------


def test_detail_shows_everything_and_records_who_looked(front_desk, booked):
    response = front_desk.get(f"{INDEX}inspect/{booked.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "I would like to discuss my eyelids." in html
    assert "Confirmation to visitor" in html  # notification delivery state
    assert "Confirm" in html
    assert log_entries(booked, staff.VIEWED).get().user.username == "desk"


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
    assert log_entries(booked, staff.RESCHEDULED).exists()


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
    assert log_entries(booked, "wagtail.edit").exists()


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


# --- Reading personal data is logged --------------------------------------------------------


def test_opening_the_edit_form_is_recorded_as_a_view(front_desk, booked):
    response = front_desk.get(f"{INDEX}edit/{booked.pk}/")
    assert response.status_code == 200
    assert booked.email in response.content.decode()
    entry = log_entries(booked, staff.VIEWED).get()
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
    assert log_entries(noted, staff.NOTE_ADDED).count() == 1


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
    assert not log_entries(booked, staff.STATUS_CHANGED).exists()


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


@pytest.mark.parametrize("outcome", [Status.COMPLETED, Status.NO_SHOW])
def test_a_future_booking_cannot_be_marked_completed_or_no_show(front_desk, booked, outcome):
    front_desk.post(f"{INDEX}status/{booked.pk}/", {"status": "confirmed"})
    response = front_desk.post(f"{INDEX}status/{booked.pk}/", {"status": outcome}, follow=True)
    assert "only once its time has come" in response.content.decode()
    booked.refresh_from_db()
    assert booked.status == Status.CONFIRMED
    assert log_entries(booked, staff.STATUS_CHANGED).count() == 1  # the confirmation only
    html = front_desk.get(f"{INDEX}inspect/{booked.pk}/").content.decode()
    assert f'value="{outcome.value}"' not in html
    assert 'value="cancelled"' in html


@pytest.mark.parametrize("outcome", [Status.COMPLETED, Status.NO_SHOW])
def test_a_past_booking_can_be_marked_completed_or_no_show(front_desk, office, outcome):
    past = make_request(
        office, timezone.now() - datetime.timedelta(hours=2), status=Status.CONFIRMED
    )
    assert (
        f'value="{outcome.value}"' in front_desk.get(f"{INDEX}inspect/{past.pk}/").content.decode()
    )
    front_desk.post(f"{INDEX}status/{past.pk}/", {"status": outcome})
    past.refresh_from_db()
    assert past.status == outcome
