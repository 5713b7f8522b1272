"""axe-core on every public page type, on a phone and a desktop: no serious or critical
violations of the WCAG 2.0/2.1/2.2 A and AA rules. Full-page screenshots go to var/screenshots/.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from consultations import links
from consultations.models import ConsultationRequest, Mode
from offices.models import OfficePage
from people.models import Clinician
from tests.browser.conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # axe has no wcag22a
BLOCKING = {"serious", "critical"}


def public_pages(site):
    """(name, url or callable that brings the page into the state to scan)."""
    from blog.models import BlogCategory, BlogPage

    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    article = next(a for a in BlogPage.objects.live() if a.has_faq())  # the richest page
    category = BlogCategory.objects.filter(articles__isnull=False).first()
    booking = ConsultationRequest.objects.filter(mode=Mode.IN_PERSON).exclude(starts_at=None)
    booking = booking.filter(status="new").first()
    token = links.make_token(booking)
    times = f"{site}/book/times/?mode=in_person&office={office.pk}"
    clinician = Clinician.objects.get(name="Dr. Adrian Vale")

    def details(page):
        page.goto(times)
        page.locator("input[name=slot]").first.check()
        page.locator("form button[type=submit]").click()
        page.wait_for_selector("input[name=first_name]")

    def fill_details(page, email):
        page.fill("input[name=first_name]", "Ada")
        page.fill("input[name=last_name]", "Quinn")
        page.fill("input[name=email]", email)
        page.fill("input[name=phone]", "(310) 555-0150")
        page.check("input[name=consent]")

    def details_error(page):
        details(page)
        page.fill("input[name=email]", "not-an-email")
        page.locator("form button[type=submit]").click()
        page.wait_for_selector("#error-summary")

    def details_taken(page):
        # Another visitor books the same time first: the form comes back with the nearest
        # open times and what was typed.
        details(page)
        fill_details(page, "ada@example.com")
        rival = page.context.browser.new_context(viewport=page.viewport_size)
        try:
            other = rival.new_page()
            details(other)
            fill_details(other, "rival@example.com")
            other.locator("form button[type=submit]").click()
            other.wait_for_url("**/book/confirmation/**")
        finally:
            rival.close()
        page.locator("form button[type=submit]").click()
        page.wait_for_selector("#error-summary")

    def statement_error(path):
        def state(page):
            page.goto(f"{site}{path}")
            page.locator(".barrier-form button[type=submit]").click()
            page.wait_for_selector("#error-summary")

        return state

    def statement_sent(page):
        page.goto(f"{site}/accessibility/")
        page.fill("textarea[name=description]", "The map on the office page has no text.")
        page.fill("input[name=email]", "ada@example.com")
        page.locator(".barrier-form button[type=submit]").click()
        page.wait_for_url("**sent=1**")

    def cancelled(page):
        page.goto(f"{site}/book/manage/{token}/")
        page.get_by_role("button", name="Cancel this consultation").click()
        page.wait_for_url("**done=cancelled**")

    return [
        ("home", f"{site}/"),
        ("content-page", f"{site}/about/"),
        ("blog-index", f"{site}/blog/"),
        ("blog-category", f"{site}/blog/category/{category.slug}/"),
        ("blog-article", f"{site}{article.url}"),
        ("search-results", f"{site}/search/?q=eyelid"),
        ("search-empty", f"{site}/search/"),
        ("offices-index", f"{site}/offices/"),
        ("office-page", f"{site}/offices/santa-monica/"),
        ("booking-step-1", f"{site}/book/?office={office.pk}"),
        ("booking-step-1-clinician", f"{site}/book/?clinician={clinician.pk}"),
        (
            "booking-step-2-clinician",
            f"{times}&clinician={clinician.pk}",
        ),
        ("booking-step-1-error", f"{site}/book/times/?mode=in_person"),
        ("booking-step-2", times),
        ("booking-step-2-gone", f"{times}&gone=1"),
        ("booking-step-3", details),
        ("booking-step-3-error", details_error),
        ("booking-step-3-taken", details_taken),
        ("booking-callback", f"{site}/book/details/?mode=video&callback=1"),
        ("booking-confirmation", f"{site}/book/confirmation/{token}/"),
        ("booking-manage", f"{site}/book/manage/{token}/"),
        ("booking-cancelled", cancelled),
        ("link-invalid", f"{site}/book/manage/not-a-token/"),
        ("not-found", f"{site}/no-such-page/"),
        ("accessibility-statement", f"{site}/accessibility/"),
        ("accessibility-statement-error", statement_error("/accessibility/")),
        ("accessibility-statement-sent", statement_sent),
        # The Spanish edition: the same templates in another language (longer words, other
        # labels), so each page type is scanned again.
        ("es-home", f"{site}/es/"),
        ("es-content-page", f"{site}/es/politica-de-privacidad/"),
        ("es-blog-index", f"{site}/es/articulos/"),
        ("es-blog-article", f"{site}/es/articulos/guia-cirugia-de-parpados-superiores/"),
        ("es-search-results", f"{site}/es/search/?q=párpados"),
        ("es-offices-index", f"{site}/es/consultorios/"),
        ("es-office-page", f"{site}/es/consultorios/santa-monica/"),
        ("es-booking-step-1", f"{site}/es/reservar/"),
        ("es-booking-step-1-clinician", f"{site}/es/reservar/?clinician={clinician.pk}"),
        ("es-booking-step-2", f"{site}/es/reservar/times/?mode=in_person&office={office.pk}"),
        ("es-not-found", f"{site}/es/no-existe/"),
        ("es-accessibility-statement", f"{site}/es/accesibilidad/"),
        ("es-accessibility-statement-error", statement_error("/es/accesibilidad/")),
    ]


def scan(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_public_pages_have_no_serious_accessibility_violations(site, open_page, viewport):
    page = open_page(viewport)
    problems = {}
    for name, target in public_pages(site):
        if callable(target):
            target(page)
        else:
            page.goto(target)
        screenshot(page, name)
        found = scan(page)
        if found:
            problems[name] = found
    assert not problems, "\n".join(f"{name}: {items}" for name, items in problems.items())
