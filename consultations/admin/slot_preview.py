"""The open-slots preview: the next two weeks per office and for video, for staff who keep
the schedules."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from consultations import availability
from consultations.models import Mode, ScheduleRule
from offices.models import OfficePage


def can_see_schedules(user):
    return ModelPermissionPolicy(ScheduleRule).user_has_any_permission(user, ["view", "change"])


class AvailabilityPreviewView(WagtailAdminTemplateMixin, TemplateView):
    """The next open slots per office and for video: shows staff the effect of a change."""

    template_name = "consultations/admin/availability_preview.html"
    page_title = "Open slots"
    header_icon = "view"
    DAYS = 14

    def dispatch(self, request, *args, **kwargs):
        if not can_see_schedules(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resources = [
            (office.title, Mode.IN_PERSON, office.pk)
            for office in OfficePage.objects.live().filter(
                locale__language_code=settings.LANGUAGE_CODE
            )
        ]
        resources.append(("Video", Mode.VIDEO, None))
        today = timezone.localdate()
        context["resources"] = [
            {
                "name": name,
                "days": availability.open_slots(mode, office_id, days=self.DAYS),
            }
            for name, mode, office_id in resources
        ]
        context["until"] = today + datetime.timedelta(days=self.DAYS)
        return context


class PreviewMenuItem(MenuItem):
    """In the menu only for staff who may see the schedules."""

    def is_shown(self, request):
        return can_see_schedules(request.user)
