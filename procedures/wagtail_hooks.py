"""The cases screen, the consent form guard and its audit log action in the Wagtail admin."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from procedures import consent_forms
from procedures.models import BeforeAfterCase


class CaseViewSet(ModelViewSet):
    model = BeforeAfterCase
    icon = "image"
    menu_label = "Before/after cases"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "time_since_treatment", "published", "sort_order"]
    list_filter = ["procedure", "published"]
    search_fields = ["note"]


@hooks.register("register_admin_viewset")
def register_cases():
    return CaseViewSet("cases")


@hooks.register("before_serve_document")
def guard_consent_forms(document, request):
    consent_forms.check_and_log_opening(document, request)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(consent_forms.OPENED, "Open consent form", "Opened a consent form")
