"""Staff journeys in a real browser: the front desk confirms a booking with a note."""

import re

import pytest
from django.contrib.auth.models import Group

from consultations.models import ConsultationNote, ConsultationRequest, Status
from practice.roles import FRONT_DESK, ensure_roles
from tests.browser.conftest import DESKTOP, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def login(page, site, username, password):
    page.goto(f"{site}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_front_desk_confirms_a_booking_with_a_note(site, open_page, django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("desk", "desk@example.com", "pw-desk-123")
    user.groups.add(Group.objects.get(name=FRONT_DESK))
    booking = ConsultationRequest.objects.filter(status=Status.NEW).exclude(starts_at=None).first()
    assert booking is not None, "seed_demo adds new bookings"

    page = open_page(DESKTOP)
    login(page, site, "desk", "pw-desk-123")
    assert page.locator("[data-front-desk-panel]").is_visible()
    screenshot(page, "admin-dashboard-front-desk")

    page.goto(f"{site}/admin/consultation_requests/?q={booking.phone.as_national}")
    page.get_by_role("link", name=booking.reference).click()
    page.fill("#id_note", "Confirmed by phone; prefers mornings.")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_selector("text=is now confirmed")
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert ConsultationNote.objects.get(request=booking).author == user
    assert "prefers mornings" in page.locator("main").inner_text()

    page.get_by_role("link", name="History: who did what, and when").click()
    page.wait_for_selector("text=Status changed")
    history = page.locator("main").inner_text()
    assert "Status changed" in history and "Internal note added" in history
    assert "desk" in history
    screenshot(page, "admin-request-history")
