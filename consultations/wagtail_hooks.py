"""Wire the front desk's screens, log actions and dashboard panel into the Wagtail admin."""

from wagtail import hooks

from consultations import staff
from consultations.admin.dashboard import FrontDeskPanel
from consultations.admin.viewsets import ConsultationsGroup
from consultations.permissions import can_view_requests


@hooks.register("register_admin_viewset")
def register_consultations():
    return ConsultationsGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(staff.VIEWED, "View", "Viewed the request")
    actions.register_action(staff.EXPORTED, "Export", "Included in an export")
    actions.register_action(staff.STATUS_CHANGED, "Change status", "Status changed")
    actions.register_action(staff.RESCHEDULED, "Reschedule", "Moved to another time")
    actions.register_action(staff.NOTE_ADDED, "Add note", "Internal note added")
    actions.register_action(
        staff.ANONYMISED, "Anonymise", "Personal data removed after the retention period"
    )


@hooks.register("construct_homepage_panels")
def add_front_desk_panel(request, panels):
    if can_view_requests(request.user):
        panels.append(FrontDeskPanel())
