import datetime
import re

import pytest
from django.core import mail

from consultations import availability, booking, links
from consultations.models import ConsultationRequest, Mode, Notification, Status
from tests.consultations.conftest import booking_data, started_stamp

pytestmark = pytest.mark.django_db


def test_office_button_preselects_that_office(client, office):
    html = client.get(f"/book/?office={office.pk}").content.decode()
    assert re.search(rf'value="{office.pk}"[^>]*checked', html)
    assert re.search(r'value="in_person"[^>]*checked', html)


def test_times_step_lists_open_slots_as_radio_buttons(client, office, open_slot):
    response = client.get(f"/book/times/?mode=in_person&office={office.pk}")
    assert response.status_code == 200
    assert f'value="{open_slot.value}"' in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_in_person_without_office_is_refused_with_a_message(client, no_demo_bookings):
    response = client.get("/book/times/?mode=in_person")
    assert response.status_code == 400
    assert b"Choose an office, or choose a video consultation." in response.content
    assert b'class="error-summary"' in response.content


def test_details_step_for_a_taken_slot_goes_back_to_the_list(client, office, open_slot, submit):
    submit(booking_data(office, open_slot))
    response = client.get(
        f"/book/details/?mode=in_person&office={office.pk}&slot={open_slot.value}"
    )
    assert response.status_code == 302
    assert "gone=1" in response["Location"]


def test_successful_booking_redirects_to_confirmation(client, office, open_slot, submit):
    response = submit(booking_data(office, open_slot))
    assert response.status_code == 302
    consultation = ConsultationRequest.objects.get()
    assert consultation.starts_at == open_slot.starts_at
    assert consultation.status == Status.NEW
    assert consultation.phone.as_e164 == "+13105550123"
    assert consultation.procedures.count() == 1
    assert consultation.consent_at is not None
    assert consultation.privacy_policy_version.startswith("page ")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert consultation.reference in html
    assert "2811 Wilshire Blvd" in html
    assert "Pacific time" in html
    assert "no-store" in page["Cache-Control"]


def test_confirmation_email_is_sent_once_without_health_details(office, open_slot, submit):
    data = booking_data(office, open_slot)
    submit(data)
    submit(data)  # a browser resubmit
    consultation = ConsultationRequest.objects.get()
    visitor = [m for m in mail.outbox if m.to == ["ana@example.com"]]
    assert len(visitor) == 1
    office_mail = [m for m in mail.outbox if m.to == [office.email]]
    assert len(office_mail) == 1
    for message in mail.outbox:
        bodies = [message.body] + [alt[0] for alt in message.alternatives]
        for body in bodies:
            assert "eyelids" not in body
            assert "Eyelid" not in body
            assert consultation.reference in body
    assert visitor[0].attachments[0][0].endswith(".ics")
    assert Notification.objects.filter(state=Notification.State.SENT).count() == 2
    # The time is named as visitors read it, not as a tz database key.
    assert "(Pacific time)" in visitor[0].body
    assert "America/Los_Angeles" not in visitor[0].body


def test_double_submit_creates_one_request(office, open_slot, submit):
    data = booking_data(office, open_slot)
    first = submit(data)
    second = submit(data)
    assert ConsultationRequest.objects.count() == 1
    # Both lead to the same booking's confirmation (the signed links carry their own
    # timestamps, so they differ when the two posts fall in different seconds).
    tokens = [r["Location"].rstrip("/").rsplit("/", 1)[1] for r in (first, second)]
    reference = ConsultationRequest.objects.get().reference
    assert [links.read_token(token) for token in tokens] == [reference, reference]


def test_callback_request_needs_days_and_times(office, submit):
    data = booking_data(office, None, callback="True")
    response = submit(data)
    assert response.status_code == 400
    assert b"Choose at least one day that suits you." in response.content
    data.update(preferred_days=["tue"], preferred_times=["morning"])
    response = submit(data)
    assert response.status_code == 302
    consultation = ConsultationRequest.objects.get()
    assert consultation.is_callback
    assert consultation.preferred_days == ["tue"]


def test_video_booking_has_no_office(client, no_demo_bookings, submit):
    from tests.consultations.conftest import booking_data as data_for

    slot = next(iter(availability.open_slots(Mode.VIDEO, None, days=21).values()))[0]
    data = data_for(None, slot, mode="video", office="")
    data.pop("office")
    response = submit(data)
    assert response.status_code == 302
    consultation = ConsultationRequest.objects.get()
    assert consultation.office is None and consultation.clinician is not None
    # The slot held is the clinician's, whatever the place.
    assert consultation.resource_key == f"clinician-{consultation.clinician_id}"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", b"Enter your first name."),
        ("email", "not-an-email", b"Enter an email address like name@example.com."),
        ("phone", "12", b"Enter a valid phone number"),
        ("consent", None, b"Please agree to the privacy policy"),
        ("message", "x" * 2001, b"at most 2000 characters"),
        ("first_name", "x" * 81, b"at most 80 characters"),
        ("slot", "garbage", b"Choose a time from the list."),
        ("token", "not-a-uuid", b"Enter a valid UUID."),
    ],
)
def test_bad_fields_get_a_message_next_to_the_field(
    office, open_slot, submit, field, value, message
):
    data = booking_data(office, open_slot, **{field: value})
    response = submit(data)
    assert response.status_code == 400
    assert message in response.content
    assert b'aria-invalid="true"' in response.content or b"error-summary" in response.content
    assert b"Ana" in response.content or field == "first_name"
    assert ConsultationRequest.objects.count() == 0


def test_html_control_characters_and_non_latin_names_are_stored_as_text(
    client, office, open_slot, submit
):
    for control in ("\x00", "\x07"):  # refused at the edge (security/input_guard.py)
        refused = submit(booking_data(office, open_slot, first_name=f"Zo{control}ë"))
        assert refused.status_code == 400
        assert b"invisible control characters" in refused.content
    assert not ConsultationRequest.objects.exists()
    data = booking_data(
        office,
        open_slot,
        first_name="Zoë<script>alert(1)</script>",
        last_name="山田",
        message="<b>hi</b> there",
    )
    response = submit(data)
    assert response.status_code == 302
    consultation = ConsultationRequest.objects.get()
    assert consultation.first_name == "Zoë<script>alert(1)</script>"
    assert consultation.last_name == "山田"
    assert consultation.message == "<b>hi</b> there"
    html = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("which", ["past", "off_schedule", "beyond_horizon"])
def test_slots_outside_the_rules_are_refused(office, open_slot, submit, which):
    import datetime

    shift = {
        "past": -datetime.timedelta(days=30),
        "off_schedule": datetime.timedelta(minutes=7),
        "beyond_horizon": datetime.timedelta(days=400),
    }[which]
    bad = availability.Slot(open_slot.starts_at + shift, 45)
    response = submit(booking_data(office, open_slot, slot=bad.value))
    assert response.status_code == 409
    assert b"That time is not open for booking." in response.content
    assert ConsultationRequest.objects.count() == 0


def test_unpublished_office_cannot_be_booked(office, open_slot, submit):
    office.unpublish()
    response = submit(booking_data(office, open_slot))
    assert response.status_code == 400
    assert b"That office is not taking bookings" in response.content
    assert ConsultationRequest.objects.count() == 0


def test_taken_slot_offers_nearest_times_and_keeps_input(office, open_slot, submit):
    assert submit(booking_data(office, open_slot)).status_code == 302
    response = submit(booking_data(office, open_slot, first_name="Bea", email="bea@example.com"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "that time was just taken" in html
    assert 'value="Bea"' in html and 'value="bea@example.com"' in html
    assert html.count('name="slot"') >= 2  # nearest open alternatives
    assert f'value="{open_slot.value}"' not in html


def test_honeypot_is_refused(office, open_slot, submit):
    response = submit(booking_data(office, open_slot, website="http://spam.example"))
    assert response.status_code == 400
    assert ConsultationRequest.objects.count() == 0


def test_too_fast_submission_is_refused_then_accepted(settings, office, open_slot, submit):
    settings.BOOKING_MIN_FILL_SECONDS = 3
    response = submit(booking_data(office, open_slot, started=started_stamp(seconds_ago=1)))
    assert response.status_code == 400
    assert b"quicker than we expected" in response.content
    response = submit(booking_data(office, open_slot, started=started_stamp(seconds_ago=10)))
    assert response.status_code == 302


def test_rate_limit_per_email_and_per_ip(settings, office, submit):
    settings.BOOKING_RATE_LIMIT = 2
    slots = [
        s for day in availability.open_slots("in_person", office.pk, days=21).values() for s in day
    ]
    codes = [
        submit(booking_data(office, slot, email="same@example.com")).status_code
        for slot in slots[:3]
    ]
    assert codes == [302, 302, 429]
    # A different email from the same address is still limited by IP.
    response = submit(booking_data(office, slots[4], email="other@example.com"))
    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert ConsultationRequest.objects.count() == 2


def test_csrf_is_enforced(office, open_slot):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/book/details/", booking_data(office, open_slot))
    assert response.status_code == 403
    assert ConsultationRequest.objects.count() == 0


# --- Malformed input never causes a 500 --------------------------------------------------

JUNK = [
    "",
    "abc",
    "²",  # str.isdigit() is true, int() refuses it
    "9" * 40,
    "-1",
    "\x00",
    "x" * 5000,
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "9999-12-31",
    "0001-01-01",
]


def _token_path(kind, value):
    from urllib.parse import quote

    return f"/book/{kind}/{quote(value, safe='') or 'x'}/"


# Each entry point takes (client, office, open_slot, manage_url, junk value) and returns the
# response; the junk goes into one parameter, the others stay valid.
ENTRY_POINTS = {
    "choose office": lambda c, o, s, m, v: c.get("/book/", {"office": v}),
    "times mode": lambda c, o, s, m, v: c.get("/book/times/", {"mode": v, "office": o.pk}),
    "times office": lambda c, o, s, m, v: c.get("/book/times/", {"mode": "in_person", "office": v}),
    "times procedures": lambda c, o, s, m, v: c.get(
        "/book/times/", {"mode": "video", "procedures": v}
    ),
    "times from": lambda c, o, s, m, v: c.get("/book/times/", {"mode": "video", "from": v}),
    "details slot": lambda c, o, s, m, v: c.get(
        "/book/details/", {"mode": "in_person", "office": o.pk, "slot": v}
    ),
    "details callback": lambda c, o, s, m, v: c.get(
        "/book/details/", {"mode": "video", "callback": v}
    ),
    "confirmation token": lambda c, o, s, m, v: c.get(_token_path("confirmation", v)),
    "calendar token": lambda c, o, s, m, v: c.get(_token_path("calendar", v)),
    "manage token": lambda c, o, s, m, v: c.get(_token_path("manage", v)),
    "manage done": lambda c, o, s, m, v: c.get(m, {"done": v}),
    "manage action": lambda c, o, s, m, v: c.post(m, {"action": v}),
    "manage reschedule slot": lambda c, o, s, m, v: c.post(m, {"action": "reschedule", "slot": v}),
}
POSTED_FIELDS = [
    "mode",
    "office",
    "procedures",
    "slot",
    "callback",
    "preferred_days",
    "preferred_times",
    "first_name",
    "last_name",
    "email",
    "phone",
    "preferred_contact",
    "message",
    "consent",
    "marketing_opt_in",
    "website",
    "started",
    "token",
]
for _field in POSTED_FIELDS:
    ENTRY_POINTS[f"details post {_field}"] = lambda c, o, s, m, v, f=_field: c.post(
        "/book/details/", booking_data(o, s, **{f: v})
    )


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_junk_input_gets_a_page_with_a_message_never_a_500(
    client, settings, office, open_slot, entry_point
):
    settings.BOOKING_RATE_LIMIT_ENABLED = False
    other = ConsultationRequest.objects.create(
        mode=Mode.VIDEO,
        starts_at=None,
        first_name="Cal",
        last_name="Back",
        email="cal@example.com",
        phone="+13105550100",
        consent_at=open_slot.starts_at,
    )
    manage_url = f"/book/manage/{links.make_token(other)}/"
    call = ENTRY_POINTS[entry_point]
    for value in JUNK:
        # The test client re-raises a view's exception, so a crash fails here with its trace.
        response = call(client, office, open_slot, manage_url, value)
        shown = repr(value[:30])
        assert response.status_code in (200, 302, 400, 404, 409), shown
        html = response.content.decode()
        if response.status_code in (400, 409):
            # A form's own error summary, or the edge's page for unstorable characters.
            assert 'class="error-summary"' in html or "control characters" in html, shown
        if response.status_code == 404:
            assert "<h1>" in html, shown
        if response.status_code == 302:
            assert response["Location"].startswith("/book/"), shown


def test_slot_functions_answer_for_the_ends_of_time(office, open_slot):
    import datetime

    first = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    last = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    assert availability.parse_slot_value("0001-01-01T00:00:00Z") is None
    assert availability.parse_slot_value("9999-12-31T23:59:59Z") is None
    assert availability.parse_date("9999-12-31") is None
    assert availability.find_open_slot(Mode.IN_PERSON, office.pk, first) is None
    assert availability.find_open_slot(Mode.IN_PERSON, office.pk, last) is None
    assert availability.open_slots(Mode.IN_PERSON, office.pk, start=datetime.date.max) == {}
    # A refused time outside the window still gets the nearest bookable times.
    assert availability.nearest_open_slots(Mode.IN_PERSON, office.pk, first)[0] == open_slot
    assert availability.nearest_open_slots(Mode.IN_PERSON, office.pk, last)


def test_rate_limit_per_email_holds_across_addresses(
    settings, client, office, django_capture_on_commit_callbacks
):
    settings.BOOKING_RATE_LIMIT = 2
    slots = [
        s for day in availability.open_slots("in_person", office.pk, days=21).values() for s in day
    ]
    codes = []
    emails = ["same@example.com", "Same@Example.com", "SAME@example.com "]
    for i, (slot, email) in enumerate(zip(slots[:3], emails, strict=True)):
        # A new address each time: only the email (in any case) ties these together.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/book/details/",
                booking_data(office, slot, email=email),
                REMOTE_ADDR=f"203.0.113.{10 + i}",
            )
        codes.append(response.status_code)
    assert codes == [302, 302, 429]
    assert b"Too many requests from you in a short time" in response.content
    assert b'class="error-summary"' in response.content
    assert response["Retry-After"] == "600"
    assert ConsultationRequest.objects.count() == 2
    # Another visitor from yet another address is not held back by that email's limit.
    other = client.post(
        "/book/details/",
        booking_data(office, slots[5], email="someone.else@example.com"),
        REMOTE_ADDR="198.51.100.7",
    )
    assert other.status_code == 302


def test_a_refusal_with_no_alternatives_offers_other_times_and_a_callback(
    client, office, open_slot, submit
):
    from html import unescape

    from consultations.models import ScheduleException, ScheduleRule

    # The office stops taking consultations while the visitor fills in the form.
    ScheduleRule.objects.filter(office=office).delete()
    ScheduleException.objects.filter(office=office).delete()
    response = submit(booking_data(office, open_slot))
    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert "That time is not open for booking." in html
    assert "There are no open times close to the one you chose." in html
    assert "Book this time" not in html  # resending the refused time cannot succeed
    procedure = booking_data(office, open_slot)["procedures"][0]
    carried = f"mode=in_person&office={office.pk}&procedures={procedure}"
    assert f'href="/book/times/?{carried}"' in html
    assert f'href="/book/details/?{carried}&callback=1"' in html
    # Both ways on work.
    assert client.get(f"/book/times/?{carried}").status_code == 200
    callback = client.get(f"/book/details/?{carried}&callback=1")
    assert callback.status_code == 200
    assert b"Ask for a call" in callback.content


@pytest.mark.parametrize(
    ("zone", "winter", "summer"),
    [
        ("America/Los_Angeles", "Pacific time", "Pacific time"),
        ("America/New_York", "Eastern time", "Eastern time"),
        ("Europe/Paris", "CET", "CEST"),
        ("Asia/Dubai", "UTC+04", "UTC+04"),
        ("UTC", "UTC", "UTC"),
    ],
)
def test_the_time_zone_is_named_from_settings(settings, zone, winter, summer):
    import datetime

    settings.TIME_ZONE = zone
    january = datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC)
    july = datetime.datetime(2027, 7, 15, 12, tzinfo=datetime.UTC)
    assert availability.zone_label(january) == winter
    assert availability.zone_label(july) == summer


def test_booking_pages_name_the_configured_time_zone(client, settings, office, open_slot, submit):
    confirmation = submit(booking_data(office, open_slot))["Location"]
    settings.TIME_ZONE = "Europe/London"
    expected = open_slot.starts_at.astimezone(availability.practice_zone()).tzname()
    assert expected in ("GMT", "BST")
    local_time = open_slot.starts_at.astimezone(availability.practice_zone()).strftime("%-I:%M %p")
    html = client.get(confirmation).content.decode()
    assert f"{local_time} {expected} (45 minutes)" in html
    times = client.get(f"/book/times/?mode=in_person&office={office.pk}").content.decode()
    assert "Times are GMT." in times or "Times are BST." in times
    for page in (html, times):
        assert "Pacific" not in page


def test_outcomes_wait_for_the_consultation_time(office, open_slot, submit):
    submit(booking_data(office, open_slot))
    consultation = ConsultationRequest.objects.get()
    booking.change_status(consultation, Status.CONFIRMED)
    assert booking.allowed_transitions(consultation) == {Status.CANCELLED}
    with pytest.raises(booking.TransitionNotAllowed, match="only once its time has come"):
        booking.change_status(consultation, Status.COMPLETED)
    consultation.refresh_from_db()
    assert consultation.status == Status.CONFIRMED

    after = open_slot.starts_at + datetime.timedelta(hours=1)
    assert booking.allowed_transitions(consultation, now=after) == {
        Status.CANCELLED,
        Status.COMPLETED,
        Status.NO_SHOW,
    }


def test_consent_records_the_policy_version_the_form_showed(client, office, open_slot, submit):
    from core.site_settings import PracticeSettings

    url = f"/book/details/?mode=in_person&office={office.pk}&slot={open_slot.value}"
    html = client.get(url).content.decode()
    shown = re.search(r'name="policy_version" value="([^"]+)"', html).group(1)
    policy = PracticeSettings.objects.get().privacy_policy_page.specific
    assert shown == f"page {policy.pk} revision {policy.live_revision_id}"

    # The practice republishes its policy while the visitor is filling in the form.
    policy.save_revision().publish()
    policy.refresh_from_db()
    assert shown != f"page {policy.pk} revision {policy.live_revision_id}"
    submit(booking_data(office, open_slot, policy_version=shown))
    assert ConsultationRequest.objects.get().privacy_policy_version == shown


def test_a_made_up_policy_version_records_the_live_one(office, open_slot, submit):
    from core.site_settings import PracticeSettings

    policy = PracticeSettings.objects.get().privacy_policy_page
    submit(booking_data(office, open_slot, policy_version=f"page {policy.pk} revision 999999"))
    live = f"page {policy.pk} revision {policy.live_revision_id}"
    assert ConsultationRequest.objects.get().privacy_policy_version == live
