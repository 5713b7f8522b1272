"""The .ics calendar file for a booking (icalendar), attached to emails and downloadable."""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress, vText

from consultations.models import Mode, Status


def calendar_uid(consultation) -> str:
    # Stable per booking, so a rescheduled or cancelled event replaces the first one.
    domain = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
    return f"consultation-{consultation.reference}@{domain or 'practice'}"


def build_calendar(consultation, practice_name: str, method: str | None = None) -> bytes:
    """The booking as one event. `method` REQUEST/CANCEL makes it an invitation update (in
    emails); without it a cancelled booking is CANCEL and any other PUBLISH (the download)."""
    if method is None:
        method = "CANCEL" if consultation.status == Status.CANCELLED else "PUBLISH"
    cal = Calendar()
    cal.add("prodid", f"-//{practice_name}//Consultations//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", calendar_uid(consultation))
    event.add("dtstamp", timezone.now())
    # UTC times: every calendar shows them in the reader's own zone, with no VTIMEZONE to get
    # wrong across a daylight-saving change.
    event.add("dtstart", consultation.starts_at)
    event.add("dtend", consultation.ends_at)
    # Raised by every reschedule and cancel, so the newest email wins in the calendar.
    event.add("sequence", consultation.calendar_sequence)
    if method in ("REQUEST", "CANCEL"):
        # iTIP updates name an organizer and the attendee; the address only, never the name.
        event.add("organizer", vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"))
        if consultation.email:
            event.add("attendee", vCalAddress(f"mailto:{consultation.email}"))
    # In the active language: emails build it inside the booking's language.
    event.add("summary", gettext("Consultation with %(practice)s") % {"practice": practice_name})
    if consultation.mode == Mode.VIDEO:
        # Never the join link: calendar files are copied and synced far and wide.
        event.add("location", vText(gettext("Video call (link in your reminder email)")))
    elif consultation.office:
        event.add("location", vText(consultation.office.one_line_address))
    description = gettext("Booking reference %(ref)s") % {"ref": consultation.reference}
    if consultation.clinician_id:
        # The clinician in the description; the ORGANIZER stays the practice's address.
        description += "\n" + gettext("With %(name)s") % {"name": consultation.clinician.name}
    event.add("description", description)
    event.add("status", "CANCELLED" if consultation.status == Status.CANCELLED else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
