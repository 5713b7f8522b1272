"""A request's screens: the searchable list (and its export), detail, edit, and the actions
on the detail page (status, note, reschedule)."""

import phonenumbers
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import availability, booking, staff
from consultations.admin.forms import NoteForm, StatusForm
from consultations.forms import RescheduleForm, parse_id
from consultations.models import ConsultationRequest
from consultations.permissions import can_change_requests
from people.models import Clinician


def phone_search_value(query):
    """The E.164 form of a typed phone number, or None if it is not one."""
    try:
        number = phonenumbers.parse(query, "US")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def email_search_value(query):
    """True when the query is a whole email address (no spaces, one @, a dotted domain)."""
    try:
        validate_email(query)
    except ValidationError:
        return False
    return True


class RequestIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("office", "clinician")
            .prefetch_related("procedures")
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        text = self.search_query.strip()
        # A whole phone number or email address, what the desk usually has from a caller,
        # is one indexed lookup (consultation_phone, consultation_email_lower), whatever
        # the number of requests; anything else is matched in part, as typed.
        if phone := phone_search_value(text):
            return queryset.filter(phone=phone)
        if email_search_value(text):
            return queryset.alias(email_lower=Lower("email")).filter(email_lower=text.lower())
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
        if len(digits) >= 4:
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
            ConsultationRequest.objects.select_related("office", "clinician").prefetch_related(
                "procedures"
            ),
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
        # Moves keep the clinician unless the front desk chooses another (?clinician=<id>).
        chosen = parse_id(request.GET.get("clinician", "") or request.POST.get("clinician", ""))
        self.clinician = (
            Clinician.objects.filter(pk=chosen).first() if chosen is not None else None
        ) or self.consultation.clinician
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.consultation.reference

    def post(self, request, pk):
        if self.form.is_valid():
            try:
                staff.reschedule(
                    self.consultation,
                    self.form.cleaned_data["slot"],
                    request.user,
                    clinician=self.clinician,
                )
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
            clinician=self.clinician,
            clinicians=Clinician.objects.filter(active=True),
            days=availability.open_slots(
                c.mode,
                c.office_id,
                clinicians=[self.clinician.pk] if self.clinician else [],
                days=14,
            ),
        )
        return context


class RequestEditView(EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The edit form shows the visitor's contact details: reading them is logged too.
        staff.record_view(self.object, request.user, screen="edit")
        return response
