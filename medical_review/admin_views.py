"""Medical review in the admin: the physicians' dashboard panel and the "Medical review"
report (every health page with its last review, filtered to those due)."""

import django_filters
from django.urls import path, reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from medical_review import reviews
from security.groups import CONTENT_EDITORS

DASHBOARD_LIMIT = 10


def can_view_reviews(user):
    """Physicians review; editors submit what is due; superusers see everything."""
    return user.is_active and (
        user.is_superuser
        or user.groups.filter(name__in=[reviews.PHYSICIANS, CONTENT_EDITORS]).exists()
    )


class MedicalReviewDuePanel(Component):
    name = "medical_review_due"
    order = 60
    template_name = "medical_review/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        due = reviews.due_pages()
        return {
            "due": list(due[:DASHBOARD_LIMIT]),
            "due_count": due.count(),
            "report_url": reverse("medical_review_report") + "?status=due",
            "interval_days": reviews.interval().days,
        }


class ReviewStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Review",
        choices=[("due", "Review due"), ("current", "Reviewed within the interval")],
        method="filter_status",
        empty_label="All health pages",
    )

    class Meta:
        model = Page
        fields = []

    def filter_status(self, queryset, name, value):
        due = reviews.due_filter()
        return queryset.filter(due) if value == "due" else queryset.exclude(due)


class MedicalReviewReportView(ReportView):
    page_title = "Medical review"
    header_icon = "tasks"
    index_url_name = "medical_review_report"
    index_results_url_name = "medical_review_report_results"
    filterset_class = ReviewStatusFilterSet
    columns = [
        TitleColumn(
            "title",
            label="Page",
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        ),
        DateColumn("review_date", label="Last reviewed"),
        Column("review_by", label="Reviewed by"),
    ]
    list_export = ["title", "review_date", "review_by"]
    export_headings = {"review_date": "Last reviewed", "review_by": "Reviewed by"}
    permission_required = "view_reviews"

    def user_has_permission(self, permission):
        return can_view_reviews(self.request.user)

    def get_queryset(self):
        return reviews.pages_with_reviews()


class MedicalReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reviews(request.user)


def urls():
    return [
        path(
            "reports/medical-review/",
            MedicalReviewReportView.as_view(),
            name=MedicalReviewReportView.index_url_name,
        ),
        path(
            "reports/medical-review/results/",
            MedicalReviewReportView.as_view(results_only=True),
            name=MedicalReviewReportView.index_results_url_name,
        ),
    ]
