"""The front desk's menu in the Wagtail admin: one viewset per screen, grouped."""

from django import forms
from django.urls import path, reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from consultations.admin.day_view import DaySheetView, DayView, DayViewMenuItem, WeekView
from consultations.admin.filters import RequestFilterSet
from consultations.admin.procedures import ProcedureDeleteView
from consultations.admin.request_screens import (
    NoteView,
    RequestEditView,
    RequestIndexView,
    RequestInspectView,
    RescheduleView,
    StatusView,
)
from consultations.admin.slot_preview import AvailabilityPreviewView, PreviewMenuItem
from consultations.models import ConsultationRequest, Procedure, ScheduleException, ScheduleRule
from people.viewsets import ClinicianViewSet


class ConsultationRequestViewSet(ModelViewSet):
    model = ConsultationRequest
    name = "consultation_requests"
    icon = "user"
    menu_label = "Requests"
    index_view_class = RequestIndexView
    inspect_view_class = RequestInspectView
    edit_view_class = RequestEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 25
    ordering = ["-created_at"]
    filterset_class = RequestFilterSet
    search_fields = ["reference", "first_name", "last_name", "email", "phone"]
    search_backend_name = None
    list_display = [
        TitleColumn(
            "reference",
            label="Reference",
            get_url=lambda obj: reverse("consultation_requests:inspect", args=[obj.pk]),
        ),
        Column("full_name", label="Name", sort_key="last_name"),
        Column("where", label="Mode / office"),
        Column("clinician_name", label="Clinician", sort_key="clinician__name"),
        Column("slot_display", label="Consultation", sort_key="starts_at"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("language", label="Language", accessor="get_language_display", sort_key="language"),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    list_export = [
        "reference",
        "status",
        "where",
        "clinician_name",
        "slot_display",
        "duration_minutes",
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_contact",
        "language",
        "procedure_names",
        "marketing_opt_in",
        "created_at",
    ]
    export_headings = {
        "where": "Mode / office",
        "clinician_name": "Clinician",
        "slot_display": "Consultation (practice time)",
        "procedure_names": "Procedures",
    }
    export_filename = "consultation-requests"
    # Staff correct contact details (and paste a video room's join link) here; status and
    # time change through the actions.
    form_fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_contact",
        "marketing_opt_in",
        "video_join_url",
    ]
    inspect_view_fields = [
        "reference",
        "status",
        "mode",
        "office",
        "clinician",
        "starts_at",
        "duration_minutes",
        "video_join_url",
        "preferred_days",
        "preferred_times",
        "procedures",
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_contact",
        "language",
        "message",
        "consent_at",
        "privacy_policy_version",
        "marketing_opt_in",
        "created_at",
        "updated_at",
    ]

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("add", "delete")
        ] + [
            path(
                "status/<int:pk>/",
                self.construct_view(StatusView, **self.get_inspect_view_kwargs()),
                name="status",
            ),
            path(
                "note/<int:pk>/",
                self.construct_view(NoteView, **self.get_inspect_view_kwargs()),
                name="note",
            ),
            path("reschedule/<int:pk>/", RescheduleView.as_view(), name="reschedule"),
        ]


class ClinicianForm(WagtailAdminModelForm):
    """A clinician with the procedures they consult on: the relation is declared by
    Procedure.clinicians, so the form sets it after saving the clinician."""

    procedures = forms.ModelMultipleChoiceField(
        queryset=Procedure.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The procedures they consult on. Leave empty if they consult on every one.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("procedures", list(self.instance.procedures.all()))

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            instance.procedures.set(self.cleaned_data["procedures"])
        else:
            save_relations = self.save_m2m

            def save_m2m():
                save_relations()
                instance.procedures.set(self.cleaned_data["procedures"])

            self.save_m2m = save_m2m
        return instance


class BookableClinicianViewSet(ClinicianViewSet):
    """The clinicians screen of the front desk's menu, with what each consults on."""

    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
            FieldPanel("author"),
            FieldPanel("procedures", required_on_save=False),
            FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
        ],
        base_form_class=ClinicianForm,
    )


class ScheduleRuleViewSet(ModelViewSet):
    model = ScheduleRule
    icon = "time"
    menu_label = "Weekly schedule"
    list_display = [
        "__str__",
        "clinician",
        "mode",
        "office",
        "weekday",
        "start",
        "end",
        "slot_minutes",
    ]
    list_filter = ["clinician", "mode", "office", "weekday"]
    copy_view_enabled = True


class ScheduleExceptionViewSet(ModelViewSet):
    model = ScheduleException
    icon = "calendar-alt"
    menu_label = "Schedule exceptions"
    list_display = ["__str__", "clinician", "kind", "date", "start", "end", "note"]
    list_filter = ["clinician", "mode", "office", "kind"]
    ordering = ["-date"]


class ProcedureViewSet(ModelViewSet):
    model = Procedure
    icon = "list-ul"
    menu_label = "Procedures"
    delete_view_class = ProcedureDeleteView
    form_fields = ["name", "description", "sort_order", "active"]
    list_display = ["name", "description", "active"]


class AvailabilityPreviewViewSet(ViewSet):
    name = "availability_preview"
    icon = "view"
    menu_label = "Open slots preview"
    menu_item_class = PreviewMenuItem

    def get_urlpatterns(self):
        return [path("", AvailabilityPreviewView.as_view(), name="index")]


class FrontDeskDayViewSet(ViewSet):
    name = "front_desk"
    url_prefix = "front-desk"
    icon = "date"
    menu_label = "Day view"
    menu_item_class = DayViewMenuItem

    def get_urlpatterns(self):
        return [
            path("day/", DayView.as_view(), name="day"),
            path("week/", WeekView.as_view(), name="week"),
            path("day/sheet/", DaySheetView.as_view(), name="sheet"),
        ]


class ConsultationsGroup(ViewSetGroup):
    menu_label = "Consultations"
    menu_icon = "date"
    menu_order = 150
    items = (
        FrontDeskDayViewSet,
        ConsultationRequestViewSet,
        BookableClinicianViewSet,
        ScheduleRuleViewSet,
        ScheduleExceptionViewSet,
        ProcedureViewSet,
        AvailabilityPreviewViewSet,
    )
