"""The front desk's panel on the admin home page: today's and the week's consultations, new
requests, and emails that could not be sent."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from consultations import availability
from consultations.admin import day_view
from consultations.models import ConsultationRequest, Notification, Status, place_key


class FrontDeskPanel(Component):
    name = "front_desk"
    order = 50
    template_name = "consultations/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        return dashboard_summary()


def dashboard_summary(now=None):
    """Figures for the front-desk dashboard panel, in a fixed number of queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start = availability.local_to_utc(today, datetime.time(0), availability.practice_zone())
    end = availability.local_to_utc(
        today + datetime.timedelta(days=8), datetime.time(0), availability.practice_zone()
    )
    upcoming = list(
        ConsultationRequest.objects.filter(
            status__in=[Status.NEW, Status.CONFIRMED], starts_at__gte=start, starts_at__lt=end
        )
        .select_related("office", "clinician")
        .order_by("starts_at")
    )
    # Every office and video, booked or not: an office with nothing booked is news too.
    # Each office once (its default-language page), then video; and each clinician.
    by_resource = {
        r.key: {"name": r.name, "key": r.key, "today": 0, "week": 0} for r in day_view.places()
    }
    by_clinician = {
        r.key: {"name": r.name, "key": r.key, "today": 0, "week": 0} for r in day_view.clinicians()
    }
    for item in upcoming:
        place = place_key(item.mode, item.office_id)
        rows = [
            by_resource.setdefault(place, {"name": item.where, "key": place, "today": 0, "week": 0})
        ]
        if item.clinician_id:
            key = f"clinician-{item.clinician_id}"
            rows.append(
                by_clinician.setdefault(
                    key, {"name": item.clinician_name, "key": key, "today": 0, "week": 0}
                )
            )
        for row in rows:
            row["week"] += 1
            if timezone.localtime(item.starts_at).date() == today:
                row["today"] += 1
    counts = ConsultationRequest.objects.aggregate(new=Count("pk", filter=Q(status=Status.NEW)))
    failed = Notification.objects.filter(state=Notification.State.FAILED).count()
    return {
        "resources": list(by_resource.values()),
        "by_clinician": list(by_clinician.values()),
        "today": today,
        "today_list": [i for i in upcoming if timezone.localtime(i.starts_at).date() == today],
        "new_count": counts["new"],
        "failed_notifications": failed,
        "sources": bookings_by_source(now),
    }


def bookings_by_source(now=None, limit=15):
    """Bookings per page they started from, in the last 30 and 90 days, most first (one query).

    Counts every request made in the period whatever became of it: the question is which
    writing brings people to book, not who turned up.
    """
    now = now or timezone.now()
    recent = now - datetime.timedelta(days=30)
    rows = (
        ConsultationRequest.objects.filter(
            created_at__gte=now - datetime.timedelta(days=90), source_page__isnull=False
        )
        .values("source_page_id", "source_page__title", "source_page__url_path")
        .annotate(days_90=Count("pk"), days_30=Count("pk", filter=Q(created_at__gte=recent)))
        .order_by("-days_90", "-days_30", "source_page__title")[:limit]
    )
    return [
        {
            "page_id": row["source_page_id"],
            "title": row["source_page__title"],
            "path": row["source_page__url_path"],
            "days_30": row["days_30"],
            "days_90": row["days_90"],
        }
        for row in rows
    ]
