"""Open consultation slots: each clinician's weekly schedule, minus dated exceptions, minus
the travel time between two offices, minus that clinician's active bookings (at any place).

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
    place_key,
    resource_key,
)
from offices.models import HoursException


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


def _ids(clinicians: Iterable[int] | None) -> list[int] | None:
    return None if clinicians is None else sorted({int(c) for c in clinicians})


# One session of a clinician's day: (place key, mode, office id, start, end, slot minutes).
Session = tuple[str, str, int | None, datetime.time, datetime.time, int]


def _sessions(
    clinicians: list[int] | None, first_day: datetime.date, final_day: datetime.date
) -> dict[int, dict[datetime.date, list[Session]]]:
    """{clinician id: {day: [Session, ...]}}: every place's sessions that run, per clinician.

    The weekly rules, minus closed days (the clinician's closures at that place, and an
    office's holidays), plus extra sessions. Three queries whatever the number of clinicians.
    """
    rules = ScheduleRule.objects.filter(clinician__active=True)
    exceptions = ScheduleException.objects.filter(
        clinician__active=True, date__range=(first_day, final_day)
    )
    if clinicians is not None:
        rules = rules.filter(clinician_id__in=clinicians)
        exceptions = exceptions.filter(clinician_id__in=clinicians)
    rule_rows = list(rules)
    exception_rows = list(exceptions)
    offices = {r.office_id for r in [*rule_rows, *exception_rows] if r.office_id}
    holidays = office_holidays(offices, first_day, final_day)
    closed = {
        (e.clinician_id, place_key(e.mode, e.office_id), e.date)
        for e in exception_rows
        if e.kind == ScheduleException.Kind.CLOSED
    }
    result: dict[int, dict[datetime.date, list[Session]]] = {}
    day = first_day
    while day <= final_day:
        for rule in rule_rows:
            key = place_key(rule.mode, rule.office_id)
            if rule.weekday != day.weekday() or (rule.clinician_id, key, day) in closed:
                continue
            if rule.office_id and (rule.office_id, day) in holidays:
                continue
            session = (key, rule.mode, rule.office_id, rule.start, rule.end, rule.slot_minutes)
            result.setdefault(rule.clinician_id, {}).setdefault(day, []).append(session)
        day += datetime.timedelta(days=1)
    for extra in exception_rows:
        if extra.kind != ScheduleException.Kind.EXTRA or not (extra.start and extra.end):
            continue
        key = place_key(extra.mode, extra.office_id)
        session = (key, extra.mode, extra.office_id, extra.start, extra.end, extra.slot_minutes)
        result.setdefault(extra.clinician_id, {}).setdefault(extra.date, []).append(session)
    return result


def office_holidays(
    offices: Iterable[int], first_day: datetime.date, last_day: datetime.date
) -> set[tuple[int, datetime.date]]:
    """(office id, date) of the offices' holiday closures in the range (one query)."""
    offices = list(offices)
    if not offices:
        return set()
    return set(
        HoursException.objects.filter(
            page_id__in=offices, closed=True, date__range=(first_day, last_day)
        ).values_list("page_id", "date")
    )


def _travel_blocks(
    day: datetime.date, sessions: list[Session], here: str, minutes: int, zone: datetime.tzinfo
) -> list[Interval]:
    """The [start, end) times a clinician cannot start a slot at `here` because of a session
    at another office that day, widened by the travel time. Video needs no travel."""
    if not minutes or not here.startswith("office-"):
        return []
    travel = datetime.timedelta(minutes=minutes)
    blocks = []
    for key, _mode, _office, start, end, _minutes in sessions:
        if key == here or not key.startswith("office-"):
            continue
        begins = local_to_utc(day, start, zone)
        ends = local_to_utc(day, end, zone)
        if begins and ends:
            blocks.append([begins - travel, ends + travel])
    return merge_busy((b[0], int((b[1] - b[0]).total_seconds() // 60)) for b in sorted(blocks))


def planned_slots(
    first_day: datetime.date,
    final_day: datetime.date,
    clinicians: Iterable[int] | None = None,
    place: str | None = None,
    rules: BookingSettings | None = None,
) -> dict[int, dict[datetime.date, list[tuple[str, Slot]]]]:
    """{clinician id: {day: [(place key, Slot), ...]}} the schedule offers, booked or not.

    Every place (or only `place`), minus slots the travel time between two offices blocks.
    Four queries whatever the number of clinicians: the sessions' three and the booking rules
    (none when `rules` is given).
    """
    zone = practice_zone()
    travel = (rules or BookingSettings.load()).travel_minutes
    result: dict[int, dict[datetime.date, list[tuple[str, Slot]]]] = {}
    for clinician_id, days in _sessions(_ids(clinicians), first_day, final_day).items():
        for day, sessions in days.items():
            placed = set()
            for key, _mode, _office, start, end, minutes in sessions:
                if place is not None and key != place:
                    continue
                blocks = _travel_blocks(day, sessions, key, travel, zone)
                block_ends = [b[1] for b in blocks]
                placed |= {
                    (key, slot)
                    for slot in session_slots(day, start, end, minutes, zone)
                    if not _overlaps(blocks, block_ends, slot)
                }
            if placed:
                ordered = sorted(placed, key=lambda item: (item[1], item[0]))
                result.setdefault(clinician_id, {})[day] = ordered
    return result


def open_slots_by_clinician(
    mode: str,
    office_id: int | None = None,
    *,
    clinicians: Iterable[int] | None = None,
    start: datetime.date | None = None,
    days: int | None = None,
    now: datetime.datetime | None = None,
    include_booked: bool = False,
) -> dict[int, dict[datetime.date, list[Slot]]]:
    """{clinician id: {local date: [Slot, ...]}} of open slots at a place (an office, or video).

    A slot is gone when any active booking of that clinician overlaps it, wherever that
    booking is: one person cannot be in two places. `clinicians` narrows to those ids (None:
    every active clinician). With include_booked, the slots the schedule offers whether or
    not they are booked. Five queries whatever the range and the number of clinicians.
    """
    zone = practice_zone()
    now = now or timezone.now()
    rules = BookingSettings.load()
    earliest, last_day = booking_window(now, rules)
    first_day = max(start or earliest.astimezone(zone).date(), earliest.astimezone(zone).date())
    if first_day > last_day:
        return {}
    final_day = last_day if days is None else min(last_day, first_day + datetime.timedelta(days))

    window_start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=zone)
    window_end = datetime.datetime.combine(
        final_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
    )
    planned = planned_slots(first_day, final_day, clinicians, place_key(mode, office_id), rules)
    busy = {} if include_booked else _busy(list(planned), window_start, window_end)
    result: dict[int, dict[datetime.date, list[Slot]]] = {}
    for clinician_id, by_day in planned.items():
        theirs = busy.get(clinician_id, [])
        theirs_ends = [end for _, end in theirs]
        for day, placed in by_day.items():
            kept = [
                slot
                for _key, slot in placed
                if slot.starts_at >= earliest and not _overlaps(theirs, theirs_ends, slot)
            ]
            if kept:
                result.setdefault(clinician_id, {})[day] = kept
    return result


def union(
    by_clinician: dict[int, dict[datetime.date, list[Slot]]],
) -> dict[datetime.date, list[Slot]]:
    """{local date: [Slot, ...]} of the times any of the clinicians has open, one per start."""
    merged: dict[datetime.date, dict[datetime.datetime, Slot]] = {}
    for by_day in by_clinician.values():
        for day, slots in by_day.items():
            for slot in slots:
                merged.setdefault(day, {}).setdefault(slot.starts_at, slot)
    return {day: sorted(merged[day].values()) for day in sorted(merged)}


def open_slots(
    mode: str,
    office_id: int | None = None,
    *,
    clinicians: Iterable[int] | None = None,
    start: datetime.date | None = None,
    days: int | None = None,
    now: datetime.datetime | None = None,
    include_booked: bool = False,
) -> dict[datetime.date, list[Slot]]:
    """{local date: [Slot, ...]} of the times open at a place with any of the clinicians
    (all active ones when None): "first available" offers these."""
    return union(
        open_slots_by_clinician(
            mode,
            office_id,
            clinicians=clinicians,
            start=start,
            days=days,
            now=now,
            include_booked=include_booked,
        )
    )


def scheduled_slots(
    mode: str,
    office_id: int | None,
    first_day: datetime.date,
    final_day: datetime.date,
    clinicians: Iterable[int] | None = None,
) -> dict[datetime.date, list[Slot]]:
    """{local date: [Slot, ...]} the schedule offers at a place, booked or not, whatever the
    booking window (the open-slot preview shows it all)."""
    planned = planned_slots(first_day, final_day, clinicians, place_key(mode, office_id))
    return union(
        {cid: {d: [s for _k, s in p] for d, p in days.items()} for cid, days in planned.items()}
    )


def _busy(
    clinicians: list[int], window_start: datetime.datetime, window_end: datetime.datetime
) -> dict[int, list[Interval]]:
    """{clinician id: sorted, disjoint [start, end) intervals} their active bookings hold
    around the window, at any place (one query)."""
    if not clinicians:
        return {}
    rows = (
        ConsultationRequest.objects.filter(
            resource_key__in=[resource_key(None, None, c) for c in clinicians],
            status__in=ACTIVE_STATUSES,
            # A booking that started the day before can still run into the window.
            starts_at__gte=window_start - datetime.timedelta(days=1),
            starts_at__lt=window_end,
        )
        .order_by("starts_at")
        .values_list("clinician_id", "starts_at", "duration_minutes")
    )
    grouped: dict[int, list[tuple[datetime.datetime, int]]] = {}
    for clinician_id, starts_at, minutes in rows:
        if starts_at is not None:
            grouped.setdefault(clinician_id, []).append((starts_at, minutes))
    return {cid: merge_busy(spans) for cid, spans in grouped.items()}


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
    clinicians: Iterable[int] | None = None,
) -> Slot | None:
    """The open Slot starting at `starts_at` with any of the clinicians, or None (past,
    off-schedule, too far, taken). With include_booked, the slot if the schedule offers it,
    booked or not."""
    found = open_at(mode, office_id, starts_at, now, include_booked, clinicians)
    return found[0][1] if found else None


def open_at(
    mode: str,
    office_id: int | None,
    starts_at: datetime.datetime | None,
    now: datetime.datetime | None = None,
    include_booked: bool = False,
    clinicians: Iterable[int] | None = None,
) -> list[tuple[int, Slot]]:
    """[(clinician id, Slot), ...] of the clinicians open at `starts_at` at a place."""
    if starts_at is None or not _plausible(starts_at):
        return []
    local_day = timezone.localtime(starts_at, practice_zone()).date()
    found = open_slots_by_clinician(
        mode,
        office_id,
        clinicians=clinicians,
        start=local_day,
        days=0,
        now=now,
        include_booked=include_booked,
    )
    return [
        (clinician_id, slot)
        for clinician_id, by_day in found.items()
        for slot in by_day.get(local_day, [])
        if slot.starts_at == starts_at
    ]


def nearest_open_slots(
    mode: str,
    office_id: int | None,
    around: datetime.datetime,
    count: int = 3,
    now: datetime.datetime | None = None,
    clinicians: Iterable[int] | None = None,
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
    found = open_slots(mode, office_id, clinicians=clinicians, start=start, days=10, now=now)
    slots = [s for day in found.values() for s in day]
    return sorted(slots, key=lambda s: abs((s.starts_at - around).total_seconds()))[:count]
