"""axe on the error pages visitors can meet, in both languages, on a phone and a desktop:
403 (a page refused), 403 for a refused form (CSRF), 404 and 500."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from practice.models import ContentPage
from practice.urls import urlpatterns as site_urlpatterns
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import scan

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _broken_view(request):
    raise RuntimeError("a bug in a view")


# The site's routes plus a view that fails, in each language, for the 500 page.
urlpatterns = [
    *i18n_patterns(path("broken/", _broken_view), prefix_default_language=False),
    *site_urlpatterns,
]


def refused_form(site, path):
    """A form sent without the cookie its token belongs to: Django's CSRF check refuses it."""

    def state(page):
        page.goto(f"{site}{path}")
        page.context.clear_cookies()
        page.fill("textarea[name=description]", "The booking calendar skips Tuesdays.")
        page.locator(".barrier-form button[type=submit]").click()
        page.wait_for_load_state()

    return state


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_error_pages_have_no_serious_accessibility_violations(
    site, open_page, viewport, monkeypatch
):
    def refuse(self, request, *args, **kwargs):
        raise PermissionDenied("not for you")

    monkeypatch.setattr(ContentPage, "serve", refuse)
    page = open_page(viewport)
    targets = [
        ("forbidden", f"{site}/about/", 403),
        ("es-forbidden", f"{site}/es/sobre-nosotros/", 403),
        ("csrf-failure", refused_form(site, "/accessibility/"), 403),
        ("es-csrf-failure", refused_form(site, "/es/accesibilidad/"), 403),
        ("not-found", f"{site}/no-such-page/", 404),
        ("es-not-found", f"{site}/es/no-existe/", 404),
        ("server-error", f"{site}/broken/", 500),
        ("es-server-error", f"{site}/es/broken/", 500),
    ]
    problems = {}
    for name, target, status in targets:
        if callable(target):
            target(page)
            got = page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus")
        else:
            got = page.goto(target).status
        assert got == status, (name, got)
        screenshot(page, name)
        found = scan(page)
        if found:
            problems[name] = found
    assert not problems, "\n".join(f"{name}: {items}" for name, items in problems.items())
