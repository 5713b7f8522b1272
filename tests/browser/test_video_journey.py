"""A video visit in a real browser: book by video, then open the booking page before and
inside the join link's window. The server's clock (consultations.clock) is moved, not slept."""

import datetime
import re

import pytest
from django.core import mail

from consultations import clock
from consultations.models import ConsultationRequest, Mode
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_book_by_video_and_find_the_join_link_only_shortly_before(site, open_page, monkeypatch):
    page = open_page(PHONE)
    page.goto(f"{site}/book/")
    page.get_by_label("By video").check()
    page.locator("input[name=procedures]").first.check()
    page.get_by_role("button", name="Show open times").click()
    page.wait_for_url(re.compile(r"/book/times/"))
    page.locator("input[name=slot]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.fill("input[name=first_name]", "Vida")
    page.fill("input[name=last_name]", "Lund")
    page.fill("input[name=email]", "vida@example.com")
    page.fill("input[name=phone]", "(310) 555-0188")
    page.check("input[name=consent]")
    page.get_by_role("button", name="Book this time").click()
    page.wait_for_url(re.compile(r"/book/confirmation/"))

    booking = ConsultationRequest.objects.get(email="vida@example.com")
    assert booking.mode == Mode.VIDEO
    join = booking.video_join_url
    assert join.startswith("https://meet.jit.si/")
    # Not on the confirmation page, not in the confirmation email.
    assert join not in page.content()
    [confirmation] = [m for m in mail.outbox if m.to == ["vida@example.com"]]
    assert join not in confirmation.body + confirmation.alternatives[0].content

    page.get_by_role("link", name="Change or cancel").click()
    page.wait_for_url(re.compile(r"/book/manage/"))
    manage_url = page.url

    # Two hours before: the page says when the link appears, and does not show it.
    monkeypatch.setattr(clock, "now", lambda: booking.starts_at - datetime.timedelta(hours=2))
    page.goto(manage_url)
    heading = page.get_by_role("heading", name="Join your video consultation")
    assert heading.is_visible()
    assert "The link to join appears here from" in page.locator("main").inner_text()
    assert join not in page.content()
    screenshot(page, "journey-video-before-window")

    # Ten minutes before: the link is there, as a button.
    monkeypatch.setattr(clock, "now", lambda: booking.starts_at - datetime.timedelta(minutes=10))
    page.goto(manage_url)
    link = page.get_by_role("link", name="Join the video call")
    assert link.get_attribute("href") == join
    assert "noreferrer" in link.get_attribute("rel")  # the manage URL is a credential too
    screenshot(page, "journey-video-inside-window")
