"""The booking flow's views. Each parses input, calls consultations.booking, and renders.

Every response here is per-visitor: `Cache-Control: private, no-store` so no shared cache keeps
one visitor's form, token or booking for another.
"""

import datetime
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from consultations import availability, booking, clock, links, video
from consultations.forms import (
    ChooseForm,
    DetailsForm,
    RescheduleForm,
    min_fill_seconds,
    offered_procedures,
    parse_id,
)
from consultations.ics import build_calendar
from consultations.models import ConsultationRequest, Mode
from consultations.ratelimit import allow_booking
from core.site_settings import PracticeSettings

DAYS_PER_PAGE = 14
DONE_MESSAGES = {
    "cancelled": _("Your consultation is cancelled. The time is free for someone else."),
    "moved": _("Your consultation has a new time. We have emailed you the details."),
}


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    response = render(request, f"consultations/{template}", context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _carry(choose_form):
    """Step-1 answers as query parameters, to carry them to the next step."""
    data = choose_form.cleaned_data
    params = [("mode", data["mode"])]
    if data.get("office"):
        params.append(("office", data["office"].pk))
    if data.get("clinician"):
        params.append(("clinician", data["clinician"].pk))
    params += [("procedures", p.pk) for p in data["procedures"]]
    if data.get("source"):
        params.append(("source", data["source"].pk))
    return params


def _office_id(choose_form):
    office = choose_form.cleaned_data.get("office")
    return office.pk if office else None


def choose(request, page):
    initial: dict[str, object] = {}
    office = parse_id(request.GET.get("office", ""))
    if office is not None:
        initial = {"mode": Mode.IN_PERSON, "office": office}
    source = parse_id(request.GET.get("source", ""))
    if source is not None:
        initial["source"] = source
    clinician = parse_id(request.GET.get("clinician", ""))
    if clinician is not None:
        # "Book with <clinician>" on a physician's profile and procedure pages.
        initial["clinician"] = clinician
    procedure_page = parse_id(request.GET.get("procedure", ""))
    if procedure_page is not None:
        # "Book a consultation about <procedure>" links here with the procedure page's id.
        initial["procedures"] = list(
            offered_procedures().filter(page_id=procedure_page).values_list("pk", flat=True)
        )
    form = ChooseForm(initial=initial)
    return _render(request, page, "booking_choose.html", {"form": form, "step": 1})


def times(request, page):
    form = ChooseForm(request.GET)
    if not form.is_valid():
        return _render(request, page, "booking_choose.html", {"form": form, "step": 1}, 400)
    start = availability.parse_date(request.GET.get("from"))
    days = availability.open_slots(
        form.cleaned_data["mode"],
        _office_id(form),
        clinicians=form.cleaned_data["candidates"],
        start=start,
        days=DAYS_PER_PAGE,
    )
    _, last_day = availability.booking_window()
    window_end = (start or timezone.localdate()) + datetime.timedelta(days=DAYS_PER_PAGE + 1)
    carry = _carry(form)
    later = None
    if window_end <= last_day:
        later = "?" + urlencode(carry + [("from", window_end.isoformat())])
    context = {
        "form": form,
        "days": days,
        "carry": carry,
        "later_url": later,
        "callback_url": "../details/?" + urlencode(carry + [("callback", "1")]),
        "step": 2,
    }
    return _render(request, page, "booking_times.html", context)


def details(request, page):
    source = request.POST if request.method == "POST" else request.GET
    choose_form = ChooseForm(source)
    if not choose_form.is_valid():
        return _render(request, page, "booking_choose.html", {"form": choose_form, "step": 1}, 400)
    if request.method == "POST":
        return _submit(request, page, choose_form)

    initial = DetailsForm.fresh_initial()
    callback = request.GET.get("callback") == "1"
    slot = None
    if not callback:
        starts_at = availability.parse_slot_value(request.GET.get("slot", ""))
        mode = choose_form.cleaned_data["mode"]
        slot = availability.find_open_slot(
            mode,
            _office_id(choose_form),
            starts_at,
            clinicians=choose_form.cleaned_data["candidates"],
        )
        if slot is None:
            # Gone since the list was shown (or never open): back to the list with a note.
            query = urlencode(_carry(choose_form) + [("gone", "1")])
            return HttpResponseRedirect(f"{page.url}times/?{query}")
        initial["slot"] = slot.value
    initial["callback"] = callback
    policy = PracticeSettings.for_request(request).localized_privacy_policy_page
    initial["policy_version"] = booking.policy_version(policy)
    form = DetailsForm(initial=initial)
    return _details_page(request, page, choose_form, form, slot=slot, callback=callback)


def _details_page(
    request, page, choose_form, form, *, slot, callback, alternatives=(), refused=False, status=200
):
    settings = PracticeSettings.for_request(request)
    carry = _carry(choose_form)
    context = {
        "choose_form": choose_form,
        "choice": choose_form.cleaned_data,
        "form": form,
        "slot": slot,
        "callback": callback,
        "alternatives": alternatives,
        # A refused time: ways on even when no alternative is near.
        "refused": refused,
        "times_url": f"{page.url}times/?" + urlencode(carry),
        "callback_url": f"{page.url}details/?" + urlencode(carry + [("callback", "1")]),
        "privacy_page": settings.localized_privacy_policy_page,
        "step": 3,
    }
    return _render(request, page, "booking_details.html", context, status)


def _submit(request, page, choose_form):
    form = DetailsForm(request.POST)
    mode = choose_form.cleaned_data["mode"]
    office = choose_form.cleaned_data.get("office")
    callback = request.POST.get("callback") in ("True", "true", "on", "1")

    def again(status, message=None, alternatives=None):
        if message:
            form.add_error(None, message)
        refused = alternatives is not None
        starts_at = form.cleaned_data.get("slot") if hasattr(form, "cleaned_data") else None
        slot = availability.Slot(starts_at, 0) if starts_at and not refused else None
        return _details_page(
            request,
            page,
            choose_form,
            form,
            slot=slot,
            callback=callback,
            alternatives=alternatives or [],
            refused=refused,
            status=status,
        )

    if request.POST.get("website"):
        form.is_valid()
        return again(400, _("Your request could not be sent. Please try again."))
    valid = form.is_valid()
    elapsed = form.seconds_since_started()
    if elapsed is None or elapsed < min_fill_seconds():
        # Give a fresh stamp so a person who was simply quick can send again.
        form.data = form.data.copy()
        form.data["started"] = DetailsForm.fresh_initial()["started"]
        return again(400, _("That was quicker than we expected. Please check and send again."))
    if not valid:
        return again(400)
    if not allow_booking(request, form.cleaned_data["email"], str(form.cleaned_data["token"])):
        response = again(
            429,
            _("Too many requests from you in a short time. Please wait ten minutes, or call us."),
        )
        response["Retry-After"] = "600"
        return response

    policy = PracticeSettings.for_request(request).localized_privacy_policy_page
    seen_version = booking.seen_policy_version(form.cleaned_data["policy_version"], policy)
    try:
        consultation = booking.book(
            mode=mode,
            office=office,
            starts_at=None if callback else form.cleaned_data["slot"],
            procedures=choose_form.cleaned_data["procedures"],
            details={
                **form.details(),
                "source_page": choose_form.cleaned_data.get("source"),
                # The language of the booking page the visitor used: their emails follow it.
                "language": translation.get_language(),
            },
            submission_token=form.cleaned_data["token"],
            policy_version=seen_version,
            clinician=choose_form.cleaned_data.get("clinician"),
        )
    except booking.SlotTaken as taken:
        return again(409, str(taken), alternatives=taken.alternatives)
    except booking.SlotUnavailable as unavailable:
        alternatives = availability.nearest_open_slots(
            mode,
            office.pk if office else None,
            form.cleaned_data["slot"] or timezone.now(),
            clinicians=choose_form.cleaned_data["candidates"],
        )
        return again(409, str(unavailable), alternatives=alternatives)
    token = links.make_token(consultation)
    return HttpResponseRedirect(f"{page.url}confirmation/{token}/")


def _from_token(token):
    reference = links.read_token(token)
    if reference is None:
        return None
    return (
        ConsultationRequest.objects.select_related("office", "clinician")
        .filter(reference=reference, anonymised=False)
        .first()
    )


def _invalid_link(request, page):
    return _render(request, page, "link_invalid.html", {}, status=404)


def confirmation(request, page, token):
    consultation = _from_token(token)
    if consultation is None:
        return _invalid_link(request, page)
    context = {"consultation": consultation, "token": token}
    return _render(request, page, "booking_confirmation.html", context)


def calendar_file(request, page, token):
    consultation = _from_token(token)
    if consultation is None or consultation.starts_at is None:
        return _invalid_link(request, page)
    name = PracticeSettings.for_request(request).practice_name
    response = HttpResponse(build_calendar(consultation, name), content_type="text/calendar")
    response["Content-Disposition"] = (
        f'attachment; filename="consultation-{consultation.reference}.ics"'
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def manage(request, page, token):
    """GET shows the booking and its buttons; only a POST changes anything.

    Mail scanners and link previews follow links, so opening one must never cancel.
    """
    consultation = _from_token(token)
    if consultation is None:
        return _invalid_link(request, page)
    message = DONE_MESSAGES.get(request.GET.get("done"))
    status = 200
    reschedule_form = RescheduleForm()
    if request.method == "POST":
        action = request.POST.get("action")
        here = f"{page.url}manage/{token}/"
        try:
            if action == "cancel":
                booking.cancel(consultation, by="visitor")
                return HttpResponseRedirect(f"{here}?done=cancelled")
            if action == "reschedule":
                reschedule_form = RescheduleForm(request.POST)
                if reschedule_form.is_valid():
                    new_time = reschedule_form.cleaned_data["slot"]
                    booking.reschedule(consultation, new_time, by="visitor")
                    return HttpResponseRedirect(f"{here}?done=moved")
                status = 400
            else:
                status = 400
                reschedule_form.refuse(_("Choose cancel or a new time."))
        except booking.BookingError as error:
            status = 409
            reschedule_form.refuse(str(error))
    slots = {}
    may_change = booking.visitor_may_change(consultation)
    if consultation.is_active and consultation.starts_at and may_change:
        # Moves keep the clinician: only their open times.
        slots = availability.open_slots(
            consultation.mode,
            consultation.office_id,
            clinicians=[consultation.clinician_id],
            days=DAYS_PER_PAGE,
        )
    context = {
        "consultation": consultation,
        "token": token,
        "message": message,
        "may_change": may_change,
        "cutoff_hours": booking.cutoff_hours(),
        "office_phone": _office_phone(request, consultation),
        "reschedule_form": reschedule_form,
        "days": slots,
        **_join_link_context(consultation),
    }
    return _render(request, page, "manage.html", context, status)


def _office_phone(request, consultation):
    """The number to call once online changes are closed: the office's, else the practice's."""
    if consultation.office is not None and consultation.office.phone:
        return consultation.office.phone
    return PracticeSettings.for_request(request).main_phone or None


def _join_link_context(consultation):
    """The video join link, only inside its window before the start (consultations.video)."""
    window = video.link_window(consultation) if consultation.is_active else None
    if window is None:
        return {}
    return {
        "join_url": video.visible_join_url(consultation),
        "join_opens": window[0],
        # Inside the window with no link yet (no template, none pasted): say to call.
        "join_window_open": window[0] <= clock.now() < window[1],
    }


# The step each of BookingPage's sub-URLs answers with (registered by consultations.apps).
STEPS = {
    "choose": choose,
    "times": times,
    "details": details,
    "confirmation": confirmation,
    "calendar_file": calendar_file,
    "manage": manage,
}
