"""The front desk's screens in the Wagtail admin: requests, schedules, procedures, availability.

Views stay thin: every change goes through consultations.staff, which applies the booking
rules and writes the audit log.
"""

import datetime

import django_filters
import phonenumbers
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from consultations import availability, booking, staff
from consultations.forms import RescheduleForm
from consultations.models import (
    ConsultationRequest,
    Mode,
    Notification,
    Procedure,
    ScheduleException,
    ScheduleRule,
    Status,
)
from consultations.permissions import can_change_requests
from offices.models import OfficePage


def phone_search_value(query):
    """The E.164 form of a typed phone number, or None if it is not one."""
    try:
        number = phonenumbers.parse(query, "US")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    mode = django_filters.ChoiceFilter(choices=Mode.choices, empty_label="Any")
    office = django_filters.ModelChoiceFilter(
        queryset=lambda request: OfficePage.objects.order_by("title"), empty_label="Any office"
    )
    procedures = django_filters.ModelChoiceFilter(
        label="Procedure", queryset=lambda request: Procedure.objects.all()
    )
    starts_at = django_filters.DateFromToRangeFilter(
        label="Consultation date", widget=DateRangePickerWidget
    )
    emails = django_filters.ChoiceFilter(
        label="Emails",
        choices=[
            (Notification.State.FAILED, "Some could not be sent"),
            (Notification.State.PENDING, "Some still to send"),
            (Notification.State.SENT, "Some sent"),
        ],
        empty_label="Any",
        method="filter_emails",
    )

    class Meta:
        model = ConsultationRequest
        fields = ["status", "mode", "office", "procedures", "starts_at", "emails"]

    def filter_emails(self, queryset, name, value):
        # EXISTS rather than a join: a request with two failed emails is still one row.
        return queryset.filter(
            Exists(Notification.objects.filter(request=OuterRef("pk"), state=value))
        )


class RequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("office").prefetch_related("procedures")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        text = self.search_query.strip()
        query = (
            Q(reference__iexact=text)
            | Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(email__icontains=text)
        )
        words = text.split()
        if len(words) >= 2:
            query |= Q(first_name__icontains=words[0], last_name__icontains=words[-1])
        digits = "".join(c for c in text if c.isdigit())
        if phone := phone_search_value(text):
            query |= Q(phone=phone)
        elif len(digits) >= 4:
            query |= Q(phone__contains=digits)
        return queryset.filter(query)

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            # Exports carry personal data: record who took which requests, and when.
            staff.record_export(
                context["object_list"], self.request.user, self.request.GET["export"]
            )
        return super().render_to_response(context, **response_kwargs)


class RequestInspectView(InspectView):
    template_name = "consultations/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ConsultationRequest.objects.select_related("office").prefetch_related("procedures"),
            pk=self.pk,
        )

    # A bound form with errors, set by the action views below to show the page again.
    status_form = None
    note_form = None

    def get(self, request, *args, **kwargs):
        staff.record_view(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_starts_at_display_value(self):
        return self.object.slot_display

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.object
        can_change = can_change_requests(self.request.user)
        context.update(
            can_change=can_change,
            actions=[
                (status.value, staff.ACTIONS[status])
                for status in staff.allowed_actions(consultation)
            ]
            if can_change
            else [],
            status_form=self.status_form or StatusForm(),
            note_form=self.note_form or NoteForm(),
            notes=consultation.notes.select_related("author"),
            notifications=consultation.notifications.all(),
            status_url=reverse("consultation_requests:status", args=[consultation.pk]),
            note_url=reverse("consultation_requests:note", args=[consultation.pk]),
            reschedule_url=reverse("consultation_requests:reschedule", args=[consultation.pk]),
            history_url=reverse("consultation_requests:history", args=[consultation.pk]),
        )
        return context


class NoteField(forms.CharField):
    """Note text: bounded, and free of control characters (a NUL is an error in PostgreSQL)."""

    default_error_messages = {
        "control_characters": "The note contains invisible control characters. They have "
        "been removed below: check the text and submit it again.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", staff.NOTE_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)
        # Our own check below names the problem; Django's would add a second message for NUL.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def validate(self, value):
        super().validate(value)
        if value and staff.has_control_characters(value):
            raise forms.ValidationError(
                self.error_messages["control_characters"], code="control_characters"
            )

    def bound_data(self, data, initial):
        # Show the refused text back without the characters, so a second submit succeeds.
        data = super().bound_data(data, initial)
        return staff.strip_control_characters(data) if isinstance(data, str) else data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={"required": "Choose a status.", "invalid_choice": "Choose a status."},
    )
    note = NoteField(required=False, label="Internal note (optional, never shown to the visitor)")


class NoteForm(forms.Form):
    text = NoteField(label="Add a note", error_messages={"required": "Write the note first."})


def _changeable(request, pk):
    if not can_change_requests(request.user):
        raise PermissionDenied
    return get_object_or_404(ConsultationRequest, pk=pk)


def _back(consultation):
    return redirect("consultation_requests:inspect", consultation.pk)


class RequestActionView(RequestInspectView):
    """A POST from the detail page. A refused form shows the page again with its errors (400),
    keeping what was typed; a GET goes back to the page."""

    def dispatch(self, request, *args, **kwargs):
        if not can_change_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return _back(self.object)

    def refuse(self):
        messages.error(self.request, "The form has errors: see below.")
        # The page shows the request's personal data again.
        staff.record_view(self.object, self.request.user)
        return self.render_to_response(self.get_context_data(), status=400)


class StatusView(RequestActionView):
    def post(self, request, *args, **kwargs):
        form = StatusForm(request.POST)
        if not form.is_valid():
            self.status_form = form
            return self.refuse()
        consultation = self.object
        try:
            staff.change_status(
                consultation, form.cleaned_data["status"], request.user, form.cleaned_data["note"]
            )
        except booking.BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"{consultation.reference} is now {consultation.get_status_display().lower()}.",
            )
        return _back(consultation)


class NoteView(RequestActionView):
    def post(self, request, *args, **kwargs):
        form = NoteForm(request.POST)
        if not form.is_valid():
            self.note_form = form
            return self.refuse()
        staff.add_note(self.object, request.user, form.cleaned_data["text"])
        messages.success(request, "Note added.")
        return _back(self.object)


class RescheduleView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/reschedule.html"
    page_title = "Move consultation"
    header_icon = "date"

    def dispatch(self, request, pk):
        self.consultation = _changeable(request, pk)
        if not self.consultation.is_active or self.consultation.starts_at is None:
            messages.error(request, "Only booked, active consultations can be moved.")
            return _back(self.consultation)
        self.form = RescheduleForm(request.POST or None)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.consultation.reference

    def post(self, request, pk):
        if self.form.is_valid():
            try:
                staff.reschedule(self.consultation, self.form.cleaned_data["slot"], request.user)
            except booking.BookingError as error:
                self.form.refuse(str(error))
            else:
                messages.success(request, f"Moved to {self.consultation.slot_display}.")
                return _back(self.consultation)
        return self.render_to_response(self.get_context_data(), status=400)

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.consultation
        context.update(
            consultation=c,
            form=self.form,
            days=availability.open_slots(c.mode, c.office_id, days=14),
        )
        return context


class RequestEditView(EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The edit form shows the visitor's contact details: reading them is logged too.
        staff.record_view(self.object, request.user, screen="edit")
        return response


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
        Column("slot_display", label="Consultation", sort_key="starts_at"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    list_export = [
        "reference",
        "status",
        "where",
        "slot_display",
        "duration_minutes",
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_contact",
        "procedure_names",
        "marketing_opt_in",
        "created_at",
    ]
    export_headings = {
        "where": "Mode / office",
        "slot_display": "Consultation (practice time)",
        "procedure_names": "Procedures",
    }
    export_filename = "consultation-requests"
    # Staff correct contact details here; status and time change through the actions.
    form_fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_contact",
        "marketing_opt_in",
    ]
    inspect_view_fields = [
        "reference",
        "status",
        "mode",
        "office",
        "starts_at",
        "duration_minutes",
        "preferred_days",
        "preferred_times",
        "procedures",
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_contact",
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


class ScheduleRuleViewSet(ModelViewSet):
    model = ScheduleRule
    icon = "time"
    menu_label = "Weekly schedule"
    list_display = ["__str__", "mode", "office", "weekday", "start", "end", "slot_minutes"]
    list_filter = ["mode", "office", "weekday"]
    copy_view_enabled = True


class ScheduleExceptionViewSet(ModelViewSet):
    model = ScheduleException
    icon = "calendar-alt"
    menu_label = "Schedule exceptions"
    list_display = ["__str__", "kind", "date", "start", "end", "note"]
    list_filter = ["mode", "office", "kind"]
    ordering = ["-date"]


class ProcedureDeleteView(DeleteView):
    """Deleting a procedure would strip it from the requests that name it: refuse while any do."""

    # get and post run after the permission check in dispatch.
    def get(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_in_use() or super().post(request, *args, **kwargs)

    def refuse_if_in_use(self):
        if not staff.procedure_in_use(self.object):
            return None
        messages.error(
            self.request,
            f"“{self.object}” is named in consultation requests, so it cannot be deleted "
            "(their records would lose it). Untick “Active” to hide it from the booking form "
            "instead.",
        )
        return redirect(self.edit_url_name, self.object.pk)


class ProcedureViewSet(ModelViewSet):
    model = Procedure
    icon = "list-ul"
    menu_label = "Procedures"
    delete_view_class = ProcedureDeleteView
    form_fields = ["name", "description", "sort_order", "active"]
    list_display = ["name", "description", "active"]


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
            (office.title, Mode.IN_PERSON, office.pk) for office in OfficePage.objects.live()
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


class AvailabilityPreviewViewSet(ViewSet):
    name = "availability_preview"
    icon = "view"
    menu_label = "Open slots preview"

    def get_urlpatterns(self):
        return [path("", AvailabilityPreviewView.as_view(), name="index")]

    @property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class PreviewMenuItem(MenuItem):
            def is_shown(self, request):
                return can_see_schedules(request.user)

        return PreviewMenuItem


class ConsultationsGroup(ViewSetGroup):
    menu_label = "Consultations"
    menu_icon = "date"
    menu_order = 150
    items = (
        ConsultationRequestViewSet,
        ScheduleRuleViewSet,
        ScheduleExceptionViewSet,
        ProcedureViewSet,
        AvailabilityPreviewViewSet,
    )


def dashboard_summary(now=None):
    """Figures for the front-desk dashboard panel, in a fixed number of queries."""
    from django.db.models import Count

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
        .select_related("office")
        .order_by("starts_at")
    )
    by_resource = {}
    for item in upcoming:
        row = by_resource.setdefault(item.where, {"name": item.where, "today": 0, "week": 0})
        row["week"] += 1
        if timezone.localtime(item.starts_at).date() == today:
            row["today"] += 1
    counts = ConsultationRequest.objects.aggregate(new=Count("pk", filter=Q(status=Status.NEW)))
    failed = Notification.objects.filter(state=Notification.State.FAILED).count()
    return {
        "resources": sorted(by_resource.values(), key=lambda r: r["name"]),
        "today_list": [i for i in upcoming if timezone.localtime(i.starts_at).date() == today],
        "new_count": counts["new"],
        "failed_notifications": failed,
    }
