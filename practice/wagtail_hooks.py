"""Staff additions to the Wagtail admin for the site's own pages: the accessibility reports,
the style guide and medical review. Two-factor sign-in is security's, the practice's name
core's."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from practice.accessibility import BarrierReport
from practice.admin_views import style_guide


class BarrierReportViewSet(ModelViewSet):
    """The front desk's queue of accessibility barriers reported from the statement page.
    Visitors add them; staff read them, set their status and keep an internal note."""

    model = BarrierReport
    name = "accessibility_reports"
    icon = "help"
    menu_label = "Accessibility reports"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status", "staff_note"]
    inspect_view_fields = [
        "created_at",
        "status",
        "language",
        "page_address",
        "description",
        "name",
        "email",
        "phone",
        "staff_note",
    ]
    list_filter = ["status", "language"]
    ordering = ["-created_at"]
    list_display = [
        TitleColumn(
            "summary",
            label="Report",
            get_url=lambda obj: reverse("accessibility_reports:inspect", args=[obj.pk]),
        ),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("language", label="Language", accessor="get_language_display"),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]


@hooks.register("register_admin_viewset")
def register_barrier_reports():
    return BarrierReportViewSet()


@hooks.register("register_admin_urls")
def style_guide_urls():
    return [path("style-guide/", style_guide, name="style_guide")]


@hooks.register("register_help_menu_item")
def style_guide_menu_item():
    return MenuItem("Style guide", reverse("style_guide"), icon_name="doc-full", order=900)
