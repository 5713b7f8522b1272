"""A visitor reads about a procedure, looks at results, reveals the photos and books about
it; and axe on the new page types at phone and desktop widths."""

import re

import pytest

from consultations.models import Procedure
from procedures.models import ProcedurePage
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import scan

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_procedure_page_to_gallery_to_photos_to_booking_with_it_chosen(site, open_page):
    page = open_page(PHONE)
    page.goto(f"{site}/procedures/")
    page.get_by_role("link", name="Eyelid surgery").first.click()
    page.wait_for_url("**/procedures/eyelid-surgery/")
    page.get_by_role("link", name="See before and after results").click()
    page.wait_for_url("**/procedures/results/eyelid-surgery/")

    photo = page.locator(".case-card__photos img").first
    assert not photo.is_visible()
    summary = page.locator(".case-card__photos summary").first
    summary.focus()
    page.keyboard.press("Enter")  # keyboard alone opens it
    photo.wait_for(state="visible")
    # The rendition loads (lazily, once shown).
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )

    page.get_by_role("link", name="Book a consultation about eyelid surgery").click()
    page.wait_for_url("**/book/?procedure=*")
    eyelids = Procedure.objects.get(page=ProcedurePage.objects.get(slug="eyelid-surgery"))
    assert page.locator(f"input[name=procedures][value='{eyelids.pk}']").is_checked()
    assert page.locator("input[name=procedures]:checked").count() == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_procedure_pages_have_no_serious_accessibility_violations(site, open_page, viewport):
    page = open_page(viewport)
    problems = {}
    targets = [
        ("procedures-index", f"{site}/procedures/"),
        ("procedure-page", f"{site}/procedures/eyelid-surgery/"),
        ("gallery", f"{site}/procedures/results/"),
        ("gallery-procedure", f"{site}/procedures/results/eyelid-surgery/"),
        ("gallery-empty", f"{site}/procedures/results/wrinkle-relaxing-injections/"),
        # The Spanish edition of the same page types.
        ("es-procedures-index", f"{site}/es/procedimientos/"),
        ("es-procedure-page", f"{site}/es/procedimientos/cirugia-de-parpados/"),
        ("es-gallery", f"{site}/es/procedimientos/resultados/"),
        ("es-gallery-procedure", f"{site}/es/procedimientos/resultados/cirugia-de-parpados/"),
    ]
    for name, url in targets:
        response = page.goto(url)
        assert response.status == 200, (name, response.status)
        # Scan the revealed photos too: every case opened, and its further views.
        for summary in page.locator(".case-card__photos > summary").all():
            summary.click()
        for summary in page.locator(".case-card__more > summary").all():
            summary.click()
        screenshot(page, name)
        found = scan(page)
        if found:
            problems[name] = found
    assert not problems, "\n".join(f"{name}: {items}" for name, items in problems.items())


@pytest.mark.parametrize(
    ("viewport", "side_by_side"), [(PHONE, False), (DESKTOP, True)], ids=["375px", "1280px"]
)
def test_an_opened_case_compares_before_and_after_of_one_view(
    site, open_page, viewport, side_by_side
):
    page = open_page(viewport)
    page.goto(f"{site}/procedures/results/")
    # No patient photo is fetched until a case is opened.
    assert page.evaluate(
        "performance.getEntriesByType('resource').every(e => !e.name.includes('/patient-photos/'))"
    )
    summary = page.locator(".case-card__photos > summary").first
    summary.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring on the disclosure
    page.keyboard.press("Enter")
    card = page.locator(".case-card").first
    before = card.get_by_role("img", name=re.compile(r"^Before: "))
    after = card.get_by_role("img", name=re.compile(r"^After, 3 months: "))
    before.first.wait_for(state="visible")
    b, a = before.first.bounding_box(), after.first.bounding_box()
    if side_by_side:
        assert abs(b["y"] - a["y"]) < 1 and a["x"] > b["x"] + b["width"] - 1
        assert 250 <= b["width"] <= 360  # a sensible size: neither a thumbnail nor full width
    else:
        assert a["y"] >= b["y"] + b["height"] - 1  # stacked on a phone
    # Further views open on demand, by keyboard too.
    more = card.locator(".case-card__more > summary")
    more.focus()
    page.keyboard.press("Enter")
    assert card.get_by_role("img", name=re.compile(r"^Before: .*left profile")).is_visible()
