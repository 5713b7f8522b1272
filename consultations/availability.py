"""Open consultation slots: the weekly schedule, minus dated exceptions, minus active bookings.

This is the one place slots are computed. Times are built as wall-clock times in the practice
time zone and converted to UTC, so a 9:00 session stays at 9:00 across daylight-saving changes.
"""

import bisect
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import (
    ACTIVE_STATUSES,
    BookingSettings,
    ConsultationRequest,
    ScheduleException,
    ScheduleRule,
    office_closed_days,
    resource_key,
)


@dataclass(frozen=True, order=True)
class Slot:
    starts_at: datetime.datetime  # aware, UTC
    minutes: int

    @property
    def local(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at)

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.minutes)

    @property
    def value(self) -> str:
        """The form value for this slot: an ISO UTC timestamp."""
        return self.starts_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# A booking's [start, end) in UTC; a list so merging can extend the end in place.
Interval = list[datetime.datetime]

# Anything outside these years cannot be a slot. Refusing it at parsing keeps the local-time
# and day arithmetic below far from datetime's limits (year 1 or 9999 would overflow).
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


def practice_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# Zones visitors know by a plain name. Any other zone is shown by its abbreviation.
ZONE_NAMES = {
    "America/Los_Angeles": _("Pacific time"),
    "America/Denver": _("Mountain time"),
    "America/Phoenix": _("Arizona time"),
    "America/Chicago": _("Central time"),
    "America/New_York": _("Eastern time"),
    "America/Anchorage": _("Alaska time"),
    "Pacific/Honolulu": _("Hawaii time"),
}


def zone_label(when: datetime.datetime | None = None) -> str:
    """The practice time zone as visitors read it, e.g. "Pacific time", "CET" or "UTC+03".

    An abbreviation depends on the date (CET in winter, CEST in summer), so `when` says which.
    """
    name = ZONE_NAMES.get(settings.TIME_ZONE)
    if name:
        return str(name)
    abbreviation = (when or timezone.now()).astimezone(practice_zone()).tzname() or ""
    if abbreviation[:1] in ("+", "-"):  # zones without a common abbreviation
        return f"UTC{abbreviation}"
    return abbreviation or settings.TIME_ZONE


def parse_slot_value(value: str | None) -> datetime.datetime | None:
    """The aware UTC datetime in a slot form value, or None if it is not one."""
    try:
        parsed = datetime.datetime.strptime(value or "", "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
    if not EARLIEST_DATE <= parsed.date() <= LATEST_DATE:
        return None
    return parsed.replace(tzinfo=datetime.UTC)


def parse_date(value: str | None) -> datetime.date | None:
    """The date in an ISO `YYYY-MM-DD` query value, or None if it is not a plausible one."""
    try:
        parsed = datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
    if parsed is None or not EARLIEST_DATE <= parsed <= LATEST_DATE:
        return None
    return parsed


def _plausible(instant: datetime.datetime) -> bool:
    return EARLIEST_DATE <= instant.astimezone(datetime.UTC).date() <= LATEST_DATE


def local_to_utc(
    day: datetime.date, wall: datetime.time, zone: datetime.tzinfo
) -> datetime.datetime | None:
    """The UTC instant of a wall-clock time, or None if that time does not exist (spring gap).

    An ambiguous time (the repeated hour in autumn) resolves to its first occurrence.
    """
    local = datetime.datetime.combine(day, wall).replace(tzinfo=zone, fold=0)
    utc = local.astimezone(datetime.UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return utc


def session_slots(
    day: datetime.date,
    start: datetime.time,
    end: datetime.time,
    minutes: int,
    zone: datetime.tzinfo,
) -> list[Slot]:
    """The slots (start in UTC, length) of one session of the weekly schedule on `day`."""
    slots = []
    cursor = datetime.datetime.combine(day, start)
    last_start = datetime.datetime.combine(day, end) - datetime.timedelta(minutes=minutes)
    seen = set()
    while cursor <= last_start:
        utc = local_to_utc(day, cursor.time(), zone)
        if utc is not None and utc not in seen:
            seen.add(utc)
            slots.append(Slot(utc, minutes))
        cursor += datetime.timedelta(minutes=minutes)
    return slots


def booking_window(
    now: datetime.datetime | None = None, rules: BookingSettings | None = None
) -> tuple[datetime.datetime, datetime.date]:
    """(earliest bookable instant, last bookable local date) under the booking rules."""
    now = now or timezone.now()
    rules = rules or BookingSettings.load()
    earliest = now + datetime.timedelta(hours=rules.min_notice_hours)
    last_day = timezone.localtime(now, practice_zone()).date() + datetime.timedelta(
        days=rules.horizon_days
    )
    return earliest, last_day


def open_slots(
    mode: str,
    office_id: int | None = None,
    *,
    start: datetime.date | None = None,
    days: int | None = None,
    now: datetime.datetime | None = None,
    include_booked: bool = False,
) -> dict[datetime.date, list[Slot]]:
    """{local date: [Slot, ...]} of open slots for a resource, in date order.

    A slot is gone when any active booking overlaps it, not only one at the same start: an
    extra session or a changed slot length can put slots across an existing booking.
    With include_booked, the slots the schedule offers whether or not they are booked.
    At most five queries whatever the range: rules, exceptions, bookings, the booking settings
    and, at an office, its holiday closures.
    """
    zone = practice_zone()
    now = now or timezone.now()
    earliest, last_day = booking_window(now)
    first_day = max(start or earliest.astimezone(zone).date(), earliest.astimezone(zone).date())
    if first_day > last_day:
        return {}
    final_day = last_day if days is None else min(last_day, first_day + datetime.timedelta(days))

    window_start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=zone)
    window_end = datetime.datetime.combine(
        final_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
    )
    planned = scheduled_slots(mode, office_id, first_day, final_day)
    busy = [] if include_booked else _busy(mode, office_id, window_start, window_end)
    busy_ends = [end for _, end in busy]
    result = {}
    for day, slots in planned.items():
        kept = [
            slot
            for slot in slots
            if slot.starts_at >= earliest and not _overlaps(busy, busy_ends, slot)
        ]
        if kept:
            result[day] = kept
    return result


def scheduled_slots(
    mode: str, office_id: int | None, first_day: datetime.date, final_day: datetime.date
) -> dict[datetime.date, list[Slot]]:
    """{local date: [Slot, ...]} the schedule offers, booked or not, whatever the booking window.

    The weekly rules, minus closed days (schedule exceptions and the office's holidays), plus
    extra sessions. Three queries: rules, exceptions and, at an office, its holiday closures.
    open_slots() narrows this to what visitors may book; the front desk's day view shows it all.
    """
    zone = practice_zone()
    rules = list(ScheduleRule.objects.for_resource(mode, office_id))
    exceptions = list(
        ScheduleException.objects.for_resource(mode, office_id).filter(
            date__range=(first_day, final_day)
        )
    )
    office_closed = office_closed_days(mode, office_id, first_day, final_day)

    result = {}
    day = first_day
    while day <= final_day:
        todays = [e for e in exceptions if e.date == day]
        sessions = []
        closed = day in office_closed or any(
            e.kind == ScheduleException.Kind.CLOSED for e in todays
        )
        if not closed:
            sessions += [
                (r.start, r.end, r.slot_minutes) for r in rules if r.weekday == day.weekday()
            ]
        sessions += [
            (e.start, e.end, e.slot_minutes)
            for e in todays
            if e.kind == ScheduleException.Kind.EXTRA and e.start and e.end
        ]
        slots = sorted(
            {slot for s, e, minutes in sessions for slot in session_slots(day, s, e, minutes, zone)}
        )
        if slots:
            result[day] = slots
        day += datetime.timedelta(days=1)
    return result


def _busy(
    mode: str,
    office_id: int | None,
    window_start: datetime.datetime,
    window_end: datetime.datetime,
) -> list[Interval]:
    """Sorted, disjoint [start, end) intervals held by active bookings around the window."""
    rows = (
        ConsultationRequest.objects.filter(
            resource_key=resource_key(mode, office_id),
            status__in=ACTIVE_STATUSES,
            # A booking that started the day before can still run into the window.
            starts_at__gte=window_start - datetime.timedelta(days=1),
            starts_at__lt=window_end,
        )
        .order_by("starts_at")
        .values_list("starts_at", "duration_minutes")
    )
    return merge_busy(rows)


def merge_busy(rows: Iterable[tuple[datetime.datetime | None, int]]) -> list[Interval]:
    """Sorted, disjoint [start, end) intervals from (start, minutes) rows sorted by start."""
    merged: list[Interval] = []
    for start, minutes in rows:
        if start is None:  # a callback request has no time
            continue
        end = start + datetime.timedelta(minutes=minutes)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def free_gaps(slots: list[Slot], busy: list[Interval]) -> list[tuple[Slot, ...]]:
    """Runs of back-to-back scheduled slots that no booking overlaps (the day view's gaps)."""
    busy_ends = [end for _, end in busy]
    gaps: list[list[Slot]] = []
    for slot in slots:
        if _overlaps(busy, busy_ends, slot):
            continue
        if gaps and gaps[-1][-1].ends_at == slot.starts_at:
            gaps[-1].append(slot)
        else:
            gaps.append([slot])
    return [tuple(gap) for gap in gaps]


def _overlaps(busy: list[Interval], busy_ends: list[datetime.datetime], slot: Slot) -> bool:
    # busy is disjoint and sorted, so its ends are sorted too: the first interval ending after
    # the slot starts is the only one that can overlap it.
    i = bisect.bisect_right(busy_ends, slot.starts_at)
    return i < len(busy) and busy[i][0] < slot.ends_at


def find_open_slot(
    mode: str,
    office_id: int | None,
    starts_at: datetime.datetime | None,
    now: datetime.datetime | None = None,
    include_booked: bool = False,
) -> Slot | None:
    """The open Slot starting at `starts_at`, or None (past, off-schedule, too far, taken).

    With include_booked, the slot if the schedule offers it, booked or not.
    """
    if starts_at is None or not _plausible(starts_at):
        return None
    local_day = timezone.localtime(starts_at, practice_zone()).date()
    found = open_slots(
        mode, office_id, start=local_day, days=0, now=now, include_booked=include_booked
    )
    for slot in found.get(local_day, []):
        if slot.starts_at == starts_at:
            return slot
    return None


def nearest_open_slots(
    mode: str,
    office_id: int | None,
    around: datetime.datetime,
    count: int = 3,
    now: datetime.datetime | None = None,
) -> list[Slot]:
    """The `count` open slots closest in time to `around` (for "that time was just taken").

    A time outside the booking window is brought to its nearer edge, so a refused far-off or
    past time still gets the closest bookable ones.
    """
    zone = practice_zone()
    now = now or timezone.now()
    earliest, last_day = booking_window(now)
    latest = local_to_utc(last_day, datetime.time(12), zone) or earliest
    around = min(max(around, earliest), latest)
    local_day = timezone.localtime(around, zone).date()
    start = local_day - datetime.timedelta(days=3)
    slots = [
        s
        for day in open_slots(mode, office_id, start=start, days=10, now=now).values()
        for s in day
    ]
    return sorted(slots, key=lambda s: abs((s.starts_at - around).total_seconds()))[:count]
