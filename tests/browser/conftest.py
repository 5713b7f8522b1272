"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live test server.

Never `playwright install`: it downloads a browser and fails on machines without general
internet. scripts/ensure_chromium.sh (run by `make test`) installs Debian's chromium instead.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from practice.settings.base import BASE_DIR
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API keeps an event loop running in the main thread for the whole session;
# the ORM calls that tests and fixtures make around browser steps are ordinary synchronous
# code, so allow them. (Subprocesses that run deploy checks drop this variable.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = BASE_DIR / "var" / "screenshots"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium is not installed at {CHROMIUM}: run scripts/ensure_chromium.sh."
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a failure, never a skip
        print(f"\n*** BROWSER TESTS SKIPPED: {message} ***")  # noqa: T201
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings):
    """The seeded demo site on a live server; returns its base URL."""
    settings.BOOKING_MIN_FILL_SECONDS = 0
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    call_command("seed_demo", stdout=StringIO())
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(
        hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1])
    )
    return live_server.url


@pytest.fixture
def open_page(chromium):
    """Open a new browser page at a viewport size; closed after the test."""
    contexts = []

    def make(viewport=PHONE, **options):
        context = chromium.new_context(viewport=viewport, **options)
        # Generous: CI runs the browser beside two test workers on two cores.
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name):
    """Save a full-page screenshot for reviewers. An artefact, not a check: Chromium can
    refuse a capture on a busy machine, so retry, then say so instead of failing the test."""
    from playwright.sync_api import Error as PlaywrightError

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
    for attempt in range(3):
        try:
            page.screenshot(path=str(path), full_page=True, timeout=30_000)
            return
        except PlaywrightError as error:
            if attempt == 2:
                print(f"\n*** screenshot {path.name} not saved: {error.message[:120]} ***")  # noqa: T201
            page.wait_for_timeout(500)
