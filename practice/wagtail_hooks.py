"""Staff additions to the Wagtail admin: two-factor sign-in, the style guide, and the
practice's name in each language (a snippet wagtail-localize translates)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from practice import two_factor
from practice.accessibility import BarrierReport
from practice.admin_views import TwoFactorSettingsView, TwoFactorVerifyView, style_guide
from practice.site_settings import PracticeIdentity


class PracticeIdentityViewSet(SnippetViewSet):
    model = PracticeIdentity
    icon = "title"
    menu_label = "Practice name"
    list_display = ["name", "tagline"]


register_snippet(PracticeIdentityViewSet)


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
def two_factor_urls():
    return [
        path("two-factor/", TwoFactorSettingsView.as_view(), name="two_factor"),
        path("two-factor/verify/", TwoFactorVerifyView.as_view(), name="two_factor_verify"),
        path("style-guide/", style_guide, name="style_guide"),
    ]


@hooks.register("register_help_menu_item")
def style_guide_menu_item():
    return MenuItem("Style guide", reverse("style_guide"), icon_name="doc-full", order=900)


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    on = two_factor.enabled_device(request.user) is not None
    return {
        "url": reverse("two_factor"),
        "label": "Two-factor sign-in: " + ("on" if on else "off"),
        "help_text": "A code from an authenticator app after your password.",
    }


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(two_factor.ENABLED, "Two-factor on", "Turned on two-factor sign-in")
    actions.register_action(two_factor.DISABLED, "Two-factor off", "Two-factor sign-in removed")
