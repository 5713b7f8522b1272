"""Video visits' join links: made unguessable at booking, shown only inside a window.

A join link admits whoever holds it, so it is treated like the self-service token: never in
the first confirmation, never logged, and gone when the booking is cancelled.
"""

import datetime
import secrets

from consultations import clock
from consultations.models import BookingSettings, ConsultationRequest, Mode

# 128 bits of randomness: nobody finds a room by trying names.
ROOM_BYTES = 16


def new_join_url(template: str | None = None) -> str:
    """A fresh join link from the practice's template, or "" when staff paste links by hand."""
    if template is None:
        template = BookingSettings.load().video_link_template
    if not template:
        return ""
    return template.replace("{room}", secrets.token_urlsafe(ROOM_BYTES))


def link_window(
    consultation: ConsultationRequest, opens_minutes: int | None = None
) -> tuple[datetime.datetime, datetime.datetime] | None:
    """From when until when the visitor's booking page shows the link (None: never)."""
    if consultation.mode != Mode.VIDEO or consultation.starts_at is None:
        return None
    if opens_minutes is None:
        opens_minutes = BookingSettings.load().video_link_opens_minutes
    starts_at = consultation.starts_at.astimezone(datetime.UTC)  # elapsed minutes, not wall clock
    opens = starts_at - datetime.timedelta(minutes=opens_minutes)
    ends = starts_at + datetime.timedelta(minutes=consultation.duration_minutes)
    return opens, ends


def visible_join_url(
    consultation: ConsultationRequest, now: datetime.datetime | None = None
) -> str:
    """The join link if the visitor may see it now on their booking page, else ""."""
    window = link_window(consultation)
    if window is None or not consultation.is_active or not consultation.video_join_url:
        return ""
    now = now or clock.now()
    opens, ends = window
    return consultation.video_join_url if opens <= now < ends else ""
