"""The front desk's day and week: a column per clinician, each a timeline of the day (their
bookings as blocks, at whichever place, and their free time between), the week per clinician
or per office, and a printable day sheet.

Slots and gaps come from consultations.availability (the one slot computation). The queries
do not grow with the number of clinicians or bookings: the places, the clinicians, one query
for every booking in the range, and the schedule's four.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import availability
from consultations.models import ACTIVE_STATUSES, ConsultationRequest, Mode, place_key
from consultations.permissions import can_view_requests
from offices.models import OfficePage
from people.models import Clinician


@dataclass
class Resource:
    """A place (an office, or video) or a clinician: what a row or column shows."""

    key: str
    name: str
    mode: str | None = None
    office_id: int | None = None
    clinician_id: int | None = None


@dataclass
class Entry:
    """One block of a timeline: a booking, or a free gap of one or more slots, at a place."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    booking: ConsultationRequest | None = None
    free_slots: int = 0
    place: str = ""
    place_name: str = ""

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at)

    @property
    def active(self):
        return self.booking is not None and self.booking.status in ACTIVE_STATUSES


@dataclass
class Timeline:
    resource: Resource
    day: datetime.date
    entries: list[Entry] = field(default_factory=list)
    session_count: int = 0

    @property
    def bookings(self):
        return [e.booking for e in self.entries if e.booking is not None]

    @property
    def active_count(self):
        return sum(1 for e in self.entries if e.active)

    @property
    def free_count(self):
        return sum(e.free_slots for e in self.entries)


def places() -> list[Resource]:
    """Every live office once (the default language's page, by its English title), then
    video. A translated office page is the same office, never a second one."""
    rows = [
        Resource(place_key(Mode.IN_PERSON, o.pk), o.title, Mode.IN_PERSON, o.pk)
        for o in OfficePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("title")
        .only("pk", "title")
    ]
    rows.append(Resource(place_key(Mode.VIDEO, None), "Video", Mode.VIDEO, None))
    return rows


# The dashboard and older callers name places "resources".
resources = places


def clinicians() -> list[Resource]:
    """Every clinician, active ones first, in profile order."""
    return [
        Resource(f"clinician-{c.pk}", c.name, clinician_id=c.pk)
        for c in Clinician.objects.order_by("-active", "sort_order", "name", "pk").only(
            "pk", "name", "active"
        )
    ]


def _day_bounds(first_day, last_day):
    zone = availability.practice_zone()
    start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=zone)
    end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
    )
    return start, end


def timelines(
    first_day: datetime.date,
    last_day: datetime.date,
    who: list[Resource],
    place: str | None = None,
    place_names: dict[str, str] | None = None,
) -> dict[int, dict[datetime.date, Timeline]]:
    """{clinician id: {day: Timeline}} for every clinician in `who` and day in the range,
    at every place or only `place` (a place key)."""
    place_names = place_names or {r.key: r.name for r in places()}
    ids = [r.clinician_id for r in who if r.clinician_id is not None]
    start, end = _day_bounds(first_day, last_day)
    bookings = ConsultationRequest.objects.filter(
        clinician_id__in=ids, starts_at__gte=start, starts_at__lt=end
    )
    bookings = list(
        bookings.order_by("starts_at", "pk").only(
            "pk",
            "reference",
            "status",
            "mode",
            "office_id",
            "clinician_id",
            "resource_key",
            "starts_at",
            "duration_minutes",
            "first_name",
            "last_name",
            "phone",
            "language",
        )
    )
    planned = availability.planned_slots(first_day, last_day, ids, place)
    result = {}
    for resource in who:
        cid = resource.clinician_id
        theirs = [b for b in bookings if b.clinician_id == cid]
        days = {}
        day = first_day
        while day <= last_day:
            todays = [b for b in theirs if timezone.localtime(b.starts_at).date() == day]
            # Free time counts every active booking of theirs, wherever it is.
            busy = availability.merge_busy(
                (b.starts_at, b.duration_minutes) for b in todays if b.status in ACTIVE_STATUSES
            )
            placed = planned.get(cid, {}).get(day, [])
            entries = []
            for b in todays:
                key = place_key(b.mode, b.office_id)
                if place is None or key == place:
                    entries.append(
                        Entry(
                            b.starts_at,
                            b.starts_at + datetime.timedelta(minutes=b.duration_minutes),
                            b,
                            place=key,
                            place_name=place_names.get(key, key),
                        )
                    )
            for key in dict.fromkeys(k for k, _slot in placed):
                slots = [slot for k, slot in placed if k == key]
                entries += [
                    Entry(
                        gap[0].starts_at,
                        gap[-1].ends_at,
                        free_slots=len(gap),
                        place=key,
                        place_name=place_names.get(key, key),
                    )
                    for gap in availability.free_gaps(slots, busy)
                ]
            entries.sort(key=lambda e: (e.starts_at, e.booking is None))
            days[day] = Timeline(resource, day, entries, session_count=len(placed))
            day += datetime.timedelta(days=1)
        result[cid] = days
    return result


def by_place(found, who, where: list[Resource], day) -> list[Timeline]:
    """Per place, one timeline of every clinician's entries there on `day`."""
    rows = []
    for resource in where:
        entries = [
            e for r in who for e in found[r.clinician_id][day].entries if e.place == resource.key
        ]
        entries.sort(key=lambda e: (e.starts_at, e.booking is None))
        rows.append(Timeline(resource, day, entries, session_count=0))
    return rows


# The day grid: one row per five minutes between the first and the last block of the day.
GRID_MINUTES = 5


def grid(columns: list[Timeline], day: datetime.date):
    """Placement of every block of the day view's columns: (first hour shown, hours, blocks
    as (column, row, span, entry))."""
    zone = availability.practice_zone()
    starts = [e.local_start for t in columns for e in t.entries]
    ends = [e.local_end for t in columns for e in t.entries]
    first_hour = min([s.hour for s in starts] + [8])
    last_hour = max(
        [(e.hour + (1 if e.minute else 0)) if e.date() == day else 24 for e in ends] + [18]
    )
    origin = datetime.datetime.combine(day, datetime.time(first_hour), tzinfo=zone)
    blocks = []
    for column, timeline in enumerate(columns, start=2):
        for entry in timeline.entries:
            offset = int((entry.starts_at - origin).total_seconds() // 60) // GRID_MINUTES
            span = max(
                1, int((entry.ends_at - entry.starts_at).total_seconds() // 60) // GRID_MINUTES
            )
            blocks.append((column, offset + 2, span, entry))
    hours = [
        (hour, (hour - first_hour) * 60 // GRID_MINUTES + 2)
        for hour in range(first_hour, last_hour)
    ]
    rows = (last_hour - first_hour) * 60 // GRID_MINUTES
    return {"hours": hours, "blocks": blocks, "rows": rows, "columns": len(columns)}


class FrontDeskMixin:
    """Front desk only: whoever may see consultation requests (editors may not)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def chosen(self):
        """From ?date=, ?where= (a place key) and ?who= (a clinician key); junk means all."""
        day = availability.parse_date(self.request.GET.get("date")) or timezone.localdate()
        every_place = places()
        every_clinician = clinicians()
        where = self.request.GET.get("where", "")
        who = self.request.GET.get("who", "")
        place = next((r for r in every_place if r.key == where), None)
        chosen_clinicians = [r for r in every_clinician if r.key == who] or every_clinician
        return {
            "day": day,
            "places": every_place,
            "clinicians": every_clinician,
            "place": place,
            "who_resources": chosen_clinicians,
            "where": place.key if place else "",
            "who": who if len(chosen_clinicians) == 1 else "",
            "place_names": {r.key: r.name for r in every_place},
        }

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]


class DayView(FrontDeskMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/day_view.html"
    page_title = "Day view"
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.chosen()
        day, place = c["day"], c["place"]
        found = timelines(
            day, day, c["who_resources"], place.key if place else None, c["place_names"]
        )
        columns = [found[r.clinician_id][day] for r in c["who_resources"]]
        # Inactive clinicians with nothing that day stay out of the way.
        active_ids = set(Clinician.objects.filter(active=True).values_list("pk", flat=True))
        columns = [t for t in columns if t.entries or t.resource.clinician_id in active_ids]
        context.update(
            day=day,
            where=c["where"],
            who=c["who"],
            resources=c["places"],
            clinicians=c["clinicians"],
            timelines=columns,
            grid=grid(columns, day),
            previous_day_iso=(day - datetime.timedelta(days=1)).isoformat(),
            next_day_iso=(day + datetime.timedelta(days=1)).isoformat(),
            today=timezone.localdate(),
            week_url=reverse("front_desk:week"),
            sheet_url=reverse("front_desk:sheet"),
        )
        return context


class WeekView(FrontDeskMixin, WagtailAdminTemplateMixin, TemplateView):
    """The week per clinician (rows of clinicians), or per office with ?by=place."""

    template_name = "consultations/admin/week_view.html"
    page_title = "Week view"
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.chosen()
        day, place = c["day"], c["place"]
        monday = day - datetime.timedelta(days=day.weekday())
        days = [monday + datetime.timedelta(days=i) for i in range(7)]
        found = timelines(
            days[0], days[-1], c["who_resources"], place.key if place else None, c["place_names"]
        )
        by = "place" if self.request.GET.get("by") == "place" else "clinician"
        if by == "place":
            shown = [place] if place else c["places"]
            rows = [
                (r, [by_place(found, c["who_resources"], [r], d)[0] for d in days]) for r in shown
            ]
        else:
            rows = [(r, [found[r.clinician_id][d] for d in days]) for r in c["who_resources"]]
        context.update(
            day=day,
            where=c["where"],
            who=c["who"],
            by=by,
            resources=c["places"],
            clinicians=c["clinicians"],
            days=days,
            rows=rows,
            previous_week_iso=(monday - datetime.timedelta(days=7)).isoformat(),
            next_week_iso=(monday + datetime.timedelta(days=7)).isoformat(),
            today=timezone.localdate(),
            day_url=reverse("front_desk:day"),
        )
        return context


class DaySheetView(FrontDeskMixin, TemplateView):
    """A printable sheet: times, names and phone numbers only. No procedures, no messages:
    a sheet left on a desk must not say why anyone is coming."""

    template_name = "consultations/admin/day_sheet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.chosen()
        day, place = c["day"], c["place"]
        found = timelines(
            day, day, c["who_resources"], place.key if place else None, c["place_names"]
        )
        context.update(
            day=day,
            sheets=[
                (
                    r,
                    [
                        e
                        for e in found[r.clinician_id][day].entries
                        if e.booking is not None and e.active
                    ],
                )
                for r in c["who_resources"]
            ],
        )
        return context


class DayViewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_requests(request.user)
