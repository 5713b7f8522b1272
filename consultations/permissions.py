"""Who may do what with consultation requests (registered with Wagtail in apps.py)."""

from wagtail.permission_policies import ModelPermissionPolicy

from consultations.models import ConsultationRequest


class RequestPermissionPolicy(ModelPermissionPolicy):
    """Requests come only from the booking form and leave only by retention: no add, no delete."""

    READ_ONLY_ACTIONS = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        allowed = [a for a in actions if a not in self.READ_ONLY_ACTIONS]
        return bool(allowed) and super().user_has_any_permission(user, allowed)


def request_policy():
    return RequestPermissionPolicy(ConsultationRequest)


def can_change_requests(user):
    return request_policy().user_has_permission(user, "change")


def can_view_requests(user):
    return request_policy().user_has_any_permission(user, ["view", "change"])
