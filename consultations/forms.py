"""Booking forms: every field validated on the server, with messages written for visitors."""

import datetime
import time
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from wagtail.models import Page

from consultations.availability import parse_slot_value
from consultations.models import ConsultationRequest, Mode, Procedure
from core import i18n
from offices.models import OfficePage
from people.models import Clinician

STARTED_SALT = "consultations.form-started"


def clean_text(value: str) -> str:
    # Control characters never get this far: security/input_guard.py refuses them at the edge.
    return (value or "").strip()


def parse_id(value: object) -> int | None:
    """A database id from submitted text, or None. ASCII digits only ("²".isdigit() is true),
    and short enough for any database's integer (SQLite overflows on a huge one)."""
    value = str(value)
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{i18n.localized_title(obj)} — {obj.address_line_1}, {obj.city}"

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


def offered_procedures() -> Any:
    """What step 1 offers: the procedures whose page is live, in the pages' order, each with
    its page's title in the active language (`title_here`, read in the same query)."""
    return (
        # Booking records belong to the default language's procedure pages: a translated page
        # is the same procedure, not a second choice.
        Procedure.objects.filter(
            active=True, page__live=True, page__locale__language_code=settings.LANGUAGE_CODE
        )
        .select_related("page")
        .annotate(title_here=i18n.translated_title("page"))
        .order_by("page__path")
    )


class ProcedureChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        """The procedure page's title in the visitor's language (its translation's)."""
        return str(getattr(obj, "title_here", None) or obj.page.title)

    def clean(self, value: Any) -> Any:
        # Ids parse_id refuses never reach the database query. Django refuses anything that is
        # not a list itself.
        if isinstance(value, list | tuple) and any(parse_id(pk) is None for pk in value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().clean(value)


class ClinicianChoiceField(forms.ModelChoiceField):
    """Who the visitor would like to see; the empty choice, "First available", is the default."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.get_role_display()}"

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


class ClinicianRadioSelect(forms.RadioSelect):
    """The clinician radios, each saying which procedures its clinician consults on
    (`data-consults-on`: procedure ids, or "*" for every one) so static/js/booking.js can hide
    those who do not consult on the ticked ones; `data-name` for its note. "First available"
    has neither: it is always offered."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        clinician = getattr(option["value"], "instance", None)
        if clinician is not None:
            ids = sorted(p.pk for p in clinician.procedures.all())  # prefetched
            option["attrs"]["data-consults-on"] = " ".join(map(str, ids)) or "*"
            option["attrs"]["data-name"] = clinician.name
        return option


def bookable_clinicians() -> Any:
    return (
        Clinician.objects.bookable()
        .prefetch_related("procedures")
        .order_by("sort_order", "name", "pk")
    )


class SourcePageField(forms.Field):
    """The site page the visitor started booking from (`?source=<page id>` on the Book links).

    First-party and best effort: anything but the id of a live page is dropped, never refused,
    so a stale or hand-edited link still books.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> Page | None:
        pk = parse_id(value) if value not in self.empty_values else None
        return Page.objects.live().filter(pk=pk).first() if pk is not None else None


class ChooseForm(forms.Form):
    """Step 1: how and where, and what the visitor is interested in."""

    mode = forms.ChoiceField(
        label=_("How would you like to meet?"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose in person or by video.")},
    )
    office = OfficeChoiceField(
        label=_("Office"),
        # The offices the schedules name: the default language's pages (a Spanish page shows
        # their Spanish titles).
        queryset=OfficePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path"),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("For in-person consultations."),
        error_messages={"invalid_choice": _("That office is not taking bookings. Choose another.")},
    )
    procedures = ProcedureChoiceField(
        label=_("What would you like to talk about?"),
        queryset=offered_procedures(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional. Choose any that interest you."),
        error_messages={"invalid_choice": _("Choose from the listed treatments.")},
    )
    clinician = ClinicianChoiceField(
        label=_("Who would you like to see?"),
        queryset=bookable_clinicians(),
        required=False,
        widget=ClinicianRadioSelect,
        empty_label=_("First available"),
        # Offer the empty choice as a radio button too: "first available" is the default.
        blank=True,
        help_text=_("First available shows every open time."),
        error_messages={"invalid_choice": _("Choose from the listed clinicians.")},
    )
    source = SourcePageField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Titles in the language of this request, not of the moment the class was defined.
        self.fields["procedures"].queryset = offered_procedures()  # type: ignore[attr-defined]
        # A form opened about some procedures (a procedure page's Book link) lists only the
        # clinicians who consult on them; a submitted one still checks its choice in clean().
        preselected = self.initial.get("procedures") if not self.is_bound else None
        clinicians = bookable_clinicians()
        if preselected:
            clinicians = clinicians.consulting_on(preselected)
        self.fields["clinician"].queryset = clinicians  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("mode") == Mode.IN_PERSON and not cleaned.get("office"):
            self.add_error("office", _("Choose an office, or choose a video consultation."))
        if cleaned.get("mode") == Mode.VIDEO:
            cleaned["office"] = None
        procedures = list(cleaned.get("procedures") or [])
        clinician = cleaned.get("clinician")
        eligible = list(
            bookable_clinicians().consulting_on(procedures).values_list("pk", flat=True)
        )
        if "procedures" in self.errors or "clinician" in self.errors:
            eligible = []
        elif clinician is not None and clinician.pk not in eligible:
            self.add_error(
                "clinician",
                _(
                    "%(name)s does not see patients about everything you chose. Choose first "
                    "available, or fewer treatments."
                )
                % {"name": clinician.name},
            )
        elif not eligible:
            self.add_error(
                "procedures",
                _("No one here consults on all of these in one visit. Please choose fewer."),
            )
        # Whose times to show: the chosen clinician, or everyone who consults on these.
        cleaned["candidates"] = [clinician.pk] if clinician else eligible
        return cleaned


DAY_CHOICES = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
]
TIME_CHOICES = [
    ("morning", _("Morning (9–12)")),
    ("afternoon", _("Afternoon (12–4)")),
    ("late", _("Late afternoon (4–6)")),
]


class DetailsForm(forms.Form):
    """Step 3: contact details and consent, plus the chosen slot or callback preferences."""

    slot = forms.CharField(required=False, widget=forms.HiddenInput)
    callback = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # The privacy policy version live when the form was shown: what the visitor consented to.
    policy_version = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)
    preferred_days = forms.MultipleChoiceField(
        label=_("Which days suit you?"),
        choices=DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_times = forms.MultipleChoiceField(
        label=_("Which times suit you?"),
        choices=TIME_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Enter your first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Enter your last name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send your confirmation here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        region="US",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        help_text=_("For example (310) 555-0123, or +44 20 7946 0000 outside the US."),
        error_messages={
            "required": _("Enter your phone number."),
            "invalid": _("Enter a valid phone number, for example (310) 555-0123."),
        },
    )
    preferred_contact = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ConsultationRequest.ContactMethod.choices,
        initial=ConsultationRequest.ContactMethod.EMAIL,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Anything you would like us to know? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Up to 2,000 characters. Please don't include medical records."),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy policy and agree that the practice may use these "
            "details to arrange my consultation."
        ),
        error_messages={"required": _("Please agree to the privacy policy so we can contact you.")},
    )
    marketing_opt_in = forms.BooleanField(
        label=_("Send me occasional news from the practice (optional)."), required=False
    )
    # Spam traps: a field people never see, and the time the form was shown.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @staticmethod
    def fresh_initial() -> dict[str, Any]:
        return {"started": signing.dumps(time.time(), salt=STARTED_SALT), "token": uuid.uuid4()}

    def clean_first_name(self) -> str:
        return self._clean_name("first_name")

    def clean_last_name(self) -> str:
        return self._clean_name("last_name")

    def _clean_name(self, field: str) -> str:
        value = clean_text(self.cleaned_data[field])
        if not value:
            raise forms.ValidationError(_("Enter your name using letters."))
        return value

    def clean_message(self) -> str:
        return clean_text(self.cleaned_data.get("message", ""))

    def clean_slot(self) -> datetime.datetime | None:
        value = self.cleaned_data.get("slot")
        if not value:
            return None
        parsed = parse_slot_value(value)
        if parsed is None:
            raise forms.ValidationError(_("Choose a time from the list."))
        return parsed

    def seconds_since_started(self) -> float | None:
        """Seconds since the form was first shown, or None if the stamp was tampered with."""
        try:
            started = float(signing.loads(self.data.get("started", ""), salt=STARTED_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return None
        return time.time() - started

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        missing = not cleaned.get("slot") and not cleaned.get("callback")
        if missing and "slot" not in self.errors:
            self.add_error("slot", _("Choose a time, or ask us to call you back."))
        if cleaned.get("callback") and not cleaned.get("slot"):
            if not cleaned.get("preferred_days"):
                self.add_error("preferred_days", _("Choose at least one day that suits you."))
            if not cleaned.get("preferred_times"):
                self.add_error("preferred_times", _("Choose at least one time of day."))
        return cleaned

    def details(self) -> dict[str, Any]:
        """The fields that go straight onto the ConsultationRequest."""
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
            "phone": data["phone"],
            "preferred_contact": data["preferred_contact"],
            "message": data["message"],
            "marketing_opt_in": data["marketing_opt_in"],
            "preferred_days": data.get("preferred_days") or [],
            "preferred_times": data.get("preferred_times") or [],
        }


def min_fill_seconds() -> float:
    return getattr(settings, "BOOKING_MIN_FILL_SECONDS", 3)


class RescheduleForm(forms.Form):
    slot = forms.CharField(error_messages={"required": _("Choose a new time.")})

    def clean_slot(self) -> datetime.datetime:
        parsed = parse_slot_value(self.cleaned_data["slot"])
        if parsed is None:
            raise forms.ValidationError(_("Choose a time from the list."))
        return parsed

    def refuse(self, message: str) -> None:
        """Show a booking rule's refusal at the top of the form, whether or not it was bound."""
        self.errors  # noqa: B018 - runs full_clean so the error dict exists
        if not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}
        self.add_error(None, message)
