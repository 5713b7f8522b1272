"""Booking journeys in a real browser: keyboard only, and self-service cancel from the email."""

import re

import pytest
from django.core import mail
from icalendar import Calendar

from consultations.models import ConsultationRequest, Status
from people.models import Clinician
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import scan

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def tab_to(page, selector, *, backwards=False, limit=120):
    """Move focus with Tab (or Shift+Tab) until `selector` has it; fail if it never does."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"Keyboard focus never reached {selector}")


def test_book_a_consultation_with_the_keyboard_only(site, open_page, tmp_path):
    page = open_page(PHONE, accept_downloads=True)
    page.goto(f"{site}/book/")

    # Step 1: office, procedure.
    tab_to(page, "input[name=mode][value=in_person]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=office]")
    page.keyboard.press("ArrowDown")  # radio groups move with the arrow keys
    page.keyboard.press("Space")
    office_label = page.evaluate("() => document.activeElement.closest('label').textContent.trim()")
    tab_to(page, "input[name=procedures]")
    page.keyboard.press("Space")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/book/times/"))

    # Step 2: the times form one radio group, day by day; arrow past the first day's times
    # to the second open day, then on to its second time.
    tab_to(page, "input[name=slot]")
    first_day_times = page.locator("fieldset.slot-day").first.locator("input[name=slot]").count()
    for _ in range(first_day_times + 1):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    chosen = page.evaluate("() => document.activeElement.value")
    day = page.evaluate(
        "() => document.activeElement.closest('fieldset').querySelector('legend')"
        ".textContent.trim()"
    )
    assert day == page.locator("fieldset.slot-day legend").nth(1).inner_text().strip()
    assert page.locator(f"input[name=slot][value='{chosen}']").is_checked()
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/book/details/"))

    # Step 3: details, with one mistake first.
    tab_to(page, "input[name=first_name]")
    page.keyboard.type("Keyla")
    page.keyboard.press("Tab")
    page.keyboard.type("Board")
    tab_to(page, "input[name=email]")
    page.keyboard.type("keyla-at-example.com")
    tab_to(page, "input[name=phone]")
    page.keyboard.type("310 555 0142")
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    summary = page.locator("#error-summary")
    assert "Enter an email address" in summary.inner_text()
    # static/js/site.js moves focus to the summary, where the problems are listed.
    page.wait_for_function("() => document.activeElement.id === 'error-summary'")
    email = page.locator("input[name=email]")
    assert email.get_attribute("aria-invalid") == "true"
    described = email.get_attribute("aria-describedby")
    described_text = " ".join(page.locator(f"#{i}").inner_text() for i in described.split())
    assert "Enter an email address" in described_text
    screenshot(page, "journey-booking-details-error")
    # What was typed is still there; fix only the email.
    assert page.locator("input[name=first_name]").input_value() == "Keyla"
    tab_to(page, "input[name=email]", backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("keyla@example.com")
    if not page.locator("input[name=consent]").is_checked():
        tab_to(page, "input[name=consent]")
        page.keyboard.press("Space")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/book/confirmation/"))

    booking = ConsultationRequest.objects.get(email="keyla@example.com")
    assert booking.reference in page.locator("main").inner_text()
    assert booking.starts_at.strftime("%Y-%m-%dT%H:%M:%SZ") == chosen
    assert booking.office.title in office_label
    screenshot(page, "journey-booking-confirmation")

    tab_to(page, "a[href*='/calendar/']")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    path = tmp_path / "booking.ics"
    download_info.value.save_as(path)
    event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == booking.starts_at
    assert booking.reference in str(event["description"])


def open_times_at(page, site, office_name):
    """Step 1 with the mouse: in person at the named office, first procedure; to the times."""
    page.goto(f"{site}/book/")
    page.get_by_label("At an office").check()
    page.get_by_label(office_name).check()
    page.locator("input[name=procedures]").first.check()
    page.get_by_role("button", name="Show open times").click()
    page.wait_for_url(re.compile(r"/book/times/"))


def test_cancel_from_the_email_link_reopens_the_slot(site, open_page):
    page = open_page(DESKTOP)
    open_times_at(page, site, "Santa Monica Office")
    slot = page.locator("input[name=slot]").first
    value = slot.get_attribute("value")
    slot.check()
    page.get_by_role("button", name="Continue").click()
    page.fill("input[name=first_name]", "Mina")
    page.fill("input[name=last_name]", "Cole")
    page.fill("input[name=email]", "mina@example.com")
    page.fill("input[name=phone]", "(310) 555-0177")
    page.check("input[name=consent]")
    page.get_by_role("button", name="Book this time").click()
    page.wait_for_url(re.compile(r"/book/confirmation/"))
    booking = ConsultationRequest.objects.get(email="mina@example.com")
    assert booking.office.slug == "santa-monica"

    # Booked: the time is no longer offered to the next visitor.
    open_times_at(page, site, "Santa Monica Office")
    assert page.locator(f"input[name=slot][value='{value}']").count() == 0

    message = next(m for m in mail.outbox if m.to == ["mina@example.com"])
    link = re.search(r"https?://\S+/book/manage/[\w-]+/", message.body).group(0)
    page.goto(link)
    screenshot(page, "journey-manage")
    assert ConsultationRequest.objects.get(email="mina@example.com").status == Status.NEW
    page.get_by_role("button", name="Cancel this consultation").click()
    page.wait_for_url(re.compile(r"done=cancelled"))
    assert "cancelled" in page.locator("main").inner_text().lower()
    assert ConsultationRequest.objects.get(email="mina@example.com").status == Status.CANCELLED

    # Cancelled: the same time is offered again.
    open_times_at(page, site, "Santa Monica Office")
    assert page.locator(f"input[name=slot][value='{value}']").count() == 1


def test_a_spanish_booking_is_confirmed_in_spanish(site, open_page):
    """The whole journey in Spanish; the booking remembers it, and the confirmation email,
    its calendar file and the manage link follow. The front desk's email stays English and
    says which language the visitor speaks."""
    page = open_page(PHONE)
    page.goto(f"{site}/es/")
    page.locator(".site-header__cta").click()
    page.wait_for_url(re.compile(r"/es/reservar/"))
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_label("En persona en un consultorio").check()
    page.get_by_label("Consultorio de Santa Mónica").check()
    page.get_by_role("button", name="Ver horarios disponibles").click()
    page.wait_for_url(re.compile(r"/es/reservar/times/"))
    assert "Elija día y hora" in page.locator("h1").inner_text()
    page.locator("input[name=slot]").first.check()
    page.get_by_role("button", name="Continuar").click()
    page.wait_for_url(re.compile(r"/es/reservar/details/"))
    assert "Sus datos" in page.locator("h1").inner_text()
    page.fill("input[name=first_name]", "Lucía")
    page.fill("input[name=last_name]", "Ortega")
    page.fill("input[name=email]", "lucia@example.com")
    page.fill("input[name=phone]", "(310) 555-0190")
    page.check("input[name=consent]")
    page.get_by_role("button", name="Reservar este horario").click()
    page.wait_for_url(re.compile(r"/es/reservar/confirmation/"))
    assert "Su consulta está reservada" in page.locator("h1").inner_text()
    screenshot(page, "journey-booking-confirmation-es")

    booking = ConsultationRequest.objects.get(email="lucia@example.com")
    assert booking.language == "es"
    confirmation = next(m for m in mail.outbox if m.to == ["lucia@example.com"])
    assert confirmation.subject == f"Su solicitud de consulta {booking.reference}"
    assert "Estimado/a Lucía:" in confirmation.body
    assert "Consultorio de Santa Mónica" in confirmation.body
    assert re.search(r"https?://\S+/es/reservar/manage/[\w-]+/", confirmation.body)
    html = confirmation.alternatives[0][0]
    assert '<html lang="es">' in html
    ics = next(a for a in confirmation.attachments if a[0].endswith(".ics"))
    event = Calendar.from_ical(ics[1]).walk("VEVENT")[0]
    assert str(event["summary"]).startswith("Consulta con ")

    office_email = next(m for m in mail.outbox if m.to != ["lucia@example.com"])
    assert office_email.subject.startswith("New consultation request")
    assert "Language: Español" in office_email.body


def _details_and_book(page, first, email, button="Book this time"):
    page.fill("input[name=first_name]", first)
    page.fill("input[name=last_name]", "Reyes")
    page.fill("input[name=email]", email)
    page.fill("input[name=phone]", "(310) 555-0166")
    page.check("input[name=consent]")
    page.get_by_role("button", name=button).click()


def test_book_first_available_then_a_named_surgeon(site, open_page):
    page = open_page(DESKTOP)
    # First available (the default) in Beverly Hills, where two clinicians consult.
    page.goto(f"{site}/book/")
    page.get_by_label("At an office").check()
    page.get_by_label("Beverly Hills Office").check()
    assert page.get_by_label("First available").is_checked()
    page.get_by_role("button", name="Show open times").click()
    page.wait_for_url(re.compile(r"/book/times/"))
    assert "with the first available clinician" in page.locator("main").inner_text()
    page.locator("input[name=slot]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/book/details/"))
    _details_and_book(page, "Ines", "ines@example.com")
    page.wait_for_url(re.compile(r"/book/confirmation/"))
    first = ConsultationRequest.objects.get(email="ines@example.com")
    assert first.clinician is not None
    assert first.clinician.name in page.locator("main").inner_text()

    # A named surgeon: only her times, and the booking is hers.
    page.goto(f"{site}/book/")
    page.get_by_label("At an office").check()
    page.get_by_label("Beverly Hills Office").check()
    page.get_by_label("Dr. Celia Ibarra — Surgeon").check()
    page.get_by_role("button", name="Show open times").click()
    page.wait_for_url(re.compile(r"/book/times/"))
    assert "with Dr. Celia Ibarra" in page.locator("main").inner_text()
    page.locator("input[name=slot]").first.check()
    page.get_by_role("button", name="Continue").click()
    _details_and_book(page, "Omar", "omar@example.com")
    page.wait_for_url(re.compile(r"/book/confirmation/"))
    named = ConsultationRequest.objects.get(email="omar@example.com")
    assert named.clinician.name == "Dr. Celia Ibarra"
    assert "Dr. Celia Ibarra" in page.locator("main").inner_text()
    message = next(m for m in mail.outbox if m.to == ["omar@example.com"])
    assert "Dr. Celia Ibarra" in message.body


def test_a_spanish_visitor_books_a_named_surgeon_from_his_profile(site, open_page):
    page = open_page(PHONE)
    vale = Clinician.objects.get(name="Dr. Adrian Vale")
    page.goto(f"{site}/es/reservar/?clinician={vale.pk}")
    assert page.get_by_label("Dr. Adrian Vale — Cirujano").is_checked()
    page.get_by_label("En persona en un consultorio").check()
    page.get_by_label("Consultorio de Santa Mónica").check()
    page.get_by_role("button", name="Ver horarios disponibles").click()
    page.wait_for_url(re.compile(r"/es/reservar/times/"))
    assert "con Dr. Adrian Vale" in page.locator("main").inner_text()
    page.locator("input[name=slot]").first.check()
    page.get_by_role("button", name="Continuar").click()
    page.wait_for_url(re.compile(r"/es/reservar/details/"))
    _details_and_book(page, "Lucía", "lucia.v@example.com", button="Reservar este horario")
    page.wait_for_url(re.compile(r"/es/reservar/confirmation/"))
    booking = ConsultationRequest.objects.get(email="lucia.v@example.com")
    assert booking.clinician == vale and booking.language == "es"
    assert "Con" in page.locator("main").inner_text()
    message = next(m for m in mail.outbox if m.to == ["lucia.v@example.com"])
    assert "Con: Dr. Adrian Vale" in message.body


def test_a_late_cancel_is_refused_with_the_offices_number(site, open_page, settings):
    from consultations import links

    # Every demo booking is within a year: with this cutoff each is "too late".
    settings.BOOKING_CHANGE_CUTOFF_HOURS = 24 * 400
    booking = ConsultationRequest.objects.filter(status=Status.NEW).exclude(starts_at=None)
    booking = booking.first()
    page = open_page(PHONE)
    page.goto(f"{site}/book/manage/{links.make_token(booking)}/")
    screenshot(page, "journey-manage-late")
    main = page.locator("main").inner_text()
    assert "To change or cancel, please call us" in main
    assert booking.office.phone.as_national in main
    assert page.get_by_role("button", name="Cancel this consultation").count() == 0
    assert not scan(page)  # axe: the late state of the booking page
    booking.refresh_from_db()
    assert booking.status == Status.NEW


@pytest.mark.parametrize(
    ("path", "fallback", "narrowed"),
    [
        ("/book/", "does not consult on everything you chose", "Listed: the clinicians"),
        ("/es/reservar/", "no atiende consultas sobre todo", "En la lista: los profesionales"),
    ],
    ids=["en", "es"],
)
def test_ticking_a_treatment_hides_the_clinicians_who_do_not_consult_on_it(
    site, open_page, path, fallback, narrowed
):
    from consultations.models import Procedure

    eyelids = Procedure.objects.get(page__slug="eyelid-surgery").pk
    fillers = Procedure.objects.get(page__slug="dermal-fillers").pk
    nurse = Clinician.objects.get(name="Nora Castillo, RN")
    surgeon = Clinician.objects.get(name="Dr. Celia Ibarra")
    page = open_page(PHONE)
    page.goto(f"{site}{path}")

    def radio(clinician):
        return page.locator(f"input[name=clinician][value='{clinician.pk}']")

    first_available = page.locator("input[name=clinician][value='']")
    note = page.locator("[data-clinician-note]")
    assert page.locator("script[src*='booking']").count() == 1  # not inline: CSP allows it

    # The nurse injector, chosen, does not consult on eyelid surgery: she goes from the list
    # and "first available" takes her place, with a note that says so.
    radio(nurse).check()
    page.check(f"input[name=procedures][value='{eyelids}']")
    assert radio(nurse).is_hidden()
    assert first_available.is_checked()
    assert fallback in note.inner_text() and nurse.name in note.inner_text()
    assert note.get_attribute("role") == "status"  # announced politely
    assert radio(surgeon).is_visible()
    assert not scan(page)  # axe: the filtered list and its note

    # Unticked, she is back; fillers instead hide the surgeon who only operates.
    page.uncheck(f"input[name=procedures][value='{eyelids}']")
    assert radio(nurse).is_visible()
    radio(nurse).check()
    assert note.inner_text() == ""  # a new choice clears the note
    page.check(f"input[name=procedures][value='{fillers}']")
    assert radio(surgeon).is_hidden()
    assert radio(nurse).is_checked()
    assert narrowed in note.inner_text()
    assert not scan(page)

    # The server agrees: the times of the chosen nurse injector follow.
    page.locator("input[name=mode][value=video]").check()
    page.locator("form[data-clinician-filter] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/times/"))
    assert nurse.name in page.locator("main").inner_text()
