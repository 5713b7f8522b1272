"""The front desk's day and week: per office and for video, the sessions the schedule offers,
the bookings in them with their status, and the free gaps between; and a printable day sheet.

Slots and gaps come from consultations.availability (the one slot computation). The queries
do not grow with the number of bookings: the offices, one query for every booking in the
range, and three schedule queries per office or video.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import availability
from consultations.models import ACTIVE_STATUSES, ConsultationRequest, Mode, resource_key
from consultations.permissions import can_view_requests
from offices.models import OfficePage


@dataclass
class Resource:
    """An office's rooms, or the video calendar."""

    key: str
    name: str
    mode: str
    office_id: int | None


@dataclass
class Entry:
    """One row of a timeline: a booking, or a free gap of one or more slots."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    booking: ConsultationRequest | None = None
    free_slots: int = 0

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


def resources() -> list[Resource]:
    """Every live office, then video: the dashboard and the day view list them all."""
    rows = [
        Resource(resource_key(Mode.IN_PERSON, o.pk), o.title, Mode.IN_PERSON, o.pk)
        for o in OfficePage.objects.live().order_by("title").only("pk", "title")
    ]
    rows.append(Resource(resource_key(Mode.VIDEO, None), "Video", Mode.VIDEO, None))
    return rows


def _day_bounds(first_day, last_day):
    zone = availability.practice_zone()
    start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=zone)
    end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
    )
    return start, end


def timelines(
    first_day: datetime.date, last_day: datetime.date, only: list[Resource]
) -> dict[str, dict[datetime.date, Timeline]]:
    """{resource key: {day: Timeline}} for every resource in `only` and day in the range."""
    start, end = _day_bounds(first_day, last_day)
    bookings = list(
        ConsultationRequest.objects.filter(
            resource_key__in=[r.key for r in only], starts_at__gte=start, starts_at__lt=end
        )
        .order_by("starts_at", "pk")
        .only(
            "pk",
            "reference",
            "status",
            "mode",
            "office_id",
            "resource_key",
            "starts_at",
            "duration_minutes",
            "first_name",
            "last_name",
            "phone",
            "language",
        )
    )
    result = {}
    for resource in only:
        planned = availability.scheduled_slots(
            resource.mode, resource.office_id, first_day, last_day
        )
        theirs = [b for b in bookings if b.resource_key == resource.key]
        days = {}
        day = first_day
        while day <= last_day:
            todays = [b for b in theirs if timezone.localtime(b.starts_at).date() == day]
            busy = availability.merge_busy(
                (b.starts_at, b.duration_minutes) for b in todays if b.status in ACTIVE_STATUSES
            )
            slots = planned.get(day, [])
            entries = [
                Entry(b.starts_at, b.starts_at + datetime.timedelta(minutes=b.duration_minutes), b)
                for b in todays
            ]
            entries += [
                Entry(gap[0].starts_at, gap[-1].ends_at, free_slots=len(gap))
                for gap in availability.free_gaps(slots, busy)
            ]
            entries.sort(key=lambda e: (e.starts_at, e.booking is None))
            days[day] = Timeline(resource, day, entries, session_count=len(slots))
            day += datetime.timedelta(days=1)
        result[resource.key] = days
    return result


class FrontDeskMixin:
    """Front desk only: whoever may see consultation requests (editors may not)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def chosen(self):
        """(day, every resource, the chosen ones) from ?date= and ?where= (junk means all)."""
        day = availability.parse_date(self.request.GET.get("date")) or timezone.localdate()
        every = resources()
        where = self.request.GET.get("where", "")
        only = [r for r in every if r.key == where] or every
        return day, every, only, where if len(only) == 1 else ""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]


class DayView(FrontDeskMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/day_view.html"
    page_title = "Day view"
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day, every, only, where = self.chosen()
        found = timelines(day, day, only)
        context.update(
            day=day,
            where=where,
            resources=every,
            timelines=[found[r.key][day] for r in only],
            previous_day_iso=(day - datetime.timedelta(days=1)).isoformat(),
            next_day_iso=(day + datetime.timedelta(days=1)).isoformat(),
            today=timezone.localdate(),
            week_url=reverse("front_desk:week"),
            sheet_url=reverse("front_desk:sheet"),
        )
        return context


class WeekView(FrontDeskMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/week_view.html"
    page_title = "Week view"
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day, every, only, where = self.chosen()
        monday = day - datetime.timedelta(days=day.weekday())
        days = [monday + datetime.timedelta(days=i) for i in range(7)]
        found = timelines(days[0], days[-1], only)
        context.update(
            day=day,
            where=where,
            resources=every,
            days=days,
            rows=[(r, [found[r.key][d] for d in days]) for r in only],
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
        day, _every, only, _where = self.chosen()
        found = timelines(day, day, only)
        context.update(
            day=day,
            sheets=[
                (r, [b for b in found[r.key][day].bookings if b.status in ACTIVE_STATUSES])
                for r in only
            ],
        )
        return context


class DayViewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_requests(request.user)
