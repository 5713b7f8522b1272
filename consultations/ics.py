"""The .ics calendar file for a booking (icalendar), attached to emails and downloadable."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from consultations.models import Mode, Status


def calendar_uid(consultation) -> str:
    # Stable per booking, so a rescheduled or cancelled event replaces the first one.
    domain = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
    return f"consultation-{consultation.reference}@{domain or 'practice'}"


def build_calendar(consultation, practice_name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{practice_name}//Consultations//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if consultation.status == Status.CANCELLED else "PUBLISH")
    event = Event()
    event.add("uid", calendar_uid(consultation))
    event.add("dtstamp", timezone.now())
    # UTC times: every calendar shows them in the reader's own zone.
    event.add("dtstart", consultation.starts_at)
    event.add("dtend", consultation.ends_at)
    event.add("sequence", consultation.calendar_sequence)
    event.add("summary", f"Consultation with {practice_name}")
    if consultation.mode == Mode.VIDEO:
        event.add("location", vText("Video call (link sent by email)"))
    elif consultation.office:
        event.add("location", vText(consultation.office.one_line_address))
    event.add("description", f"Booking reference {consultation.reference}")
    event.add("status", "CANCELLED" if consultation.status == Status.CANCELLED else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
