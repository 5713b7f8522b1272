"""The filters beside the request list (status, mode, office, clinician, procedure, date,
emails)."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from consultations.models import ConsultationRequest, Mode, Notification, Procedure, Status
from offices.models import OfficePage
from people.models import Clinician


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    mode = django_filters.ChoiceFilter(choices=Mode.choices, empty_label="Any")
    office = django_filters.ModelChoiceFilter(
        # Each office once: bookings name the default language's page, never a translation.
        queryset=lambda request: OfficePage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("title"),
        empty_label="Any office",
    )
    clinician = django_filters.ModelChoiceFilter(
        queryset=lambda request: Clinician.objects.all(), empty_label="Any clinician"
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
        fields = ["status", "mode", "office", "clinician", "procedures", "starts_at", "emails"]

    def filter_emails(self, queryset, name, value):
        # EXISTS rather than a join: a request with two failed emails is still one row.
        return queryset.filter(
            Exists(Notification.objects.filter(request=OuterRef("pk"), state=value))
        )
