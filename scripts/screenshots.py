"""Full-page screenshots of every public page type at 390 and 1280 px, and the main staff
screens, into var/screenshots/ (`make screenshots`, against a running site).

Uses Debian's Chromium through Playwright, as the browser tests do; never `playwright install`.
Usage: python scripts/screenshots.py [BASE_URL] (default http://127.0.0.1:$PORT); staff screens
need STAFF_USER and STAFF_PASSWORD (skipped without them).
"""

import os
import re
import sys
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS  # scripts/chromium.py
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}
# One URL per public page type (the rest found by following links, so no id is hard-coded);
# "gallery-open" is the gallery with a case opened (ACTIONS).
PUBLIC = {
    "home": "/",
    "blog-index": "/blog/",
    "search": "/search/?q=eyelid",
    "gallery": "/procedures/results/",
    "gallery-open": "/procedures/results/",
    "procedures": "/procedures/",
    "accessibility": "/accessibility/",
    "offices": "/offices/",
    "booking": "/book/",
    "booking-times": "/book/times/?mode=video",
}
STAFF = {
    "admin-dashboard": "/admin/",
    "admin-requests": "/admin/consultation_requests/",
    "admin-week": "/admin/front-desk/week/",
    "admin-day": "/admin/front-desk/day/" + os.environ.get("DAY_QUERY", ""),
    "admin-style-guide": "/admin/style-guide/",
}


def open_first_case(page):
    """The gallery with its first case opened, and that case's further views."""
    page.locator(".case-card__photos > summary").first.click()
    more = page.locator(".case-card__more > summary").first
    if more.count():
        more.click()
    page.wait_for_load_state("networkidle")
    # Until the photos shown have loaded (lazy ones still hidden never start).
    page.wait_for_function(
        "[...document.querySelectorAll('.case-card__photos[open] img')]"
        ".filter(i => i.checkVisibility()).every(i => i.complete && i.naturalWidth)"
    )


def load_lazy_images(page):
    """Scroll through the page so lazy images below the fold load, as a reader's would."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, 700):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")


# What to do on a page before its screenshot.
ACTIONS = {"gallery-open": open_first_case}


def first_link(page, base, selector):
    page.goto(base)
    href = page.locator(selector).first.get_attribute("href")
    return href


def main():
    port = os.environ.get("PORT", "8000")
    base = (sys.argv[1] if len(sys.argv) > 1 else f"http://127.0.0.1:{port}").rstrip("/")
    only = os.environ.get("ONLY")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        targets = dict(PUBLIC)
        targets["article"] = first_link(page, base + "/", ".latest .card__title a")
        targets["category"] = first_link(page, base + targets["article"], ".article__categories a")
        targets["office"] = first_link(page, base + "/offices/", ".card__title a")
        targets["content-page"] = first_link(page, base + "/", ".main-nav a[href*='about']")
        targets["procedure"] = first_link(page, base + "/procedures/", ".procedure-card a")
        page.close()
        for name, url in targets.items():
            if only and not re.search(only, name):
                continue
            for label, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(url if url.startswith("http") else base + url)
                if name in ACTIONS:
                    ACTIONS[name](page)
                load_lazy_images(page)
                path = OUT / f"{name}-{label}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path.relative_to(ROOT))
                page.close()
        user, password = os.environ.get("STAFF_USER"), os.environ.get("STAFF_PASSWORD")
        if user and password:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + "/admin/login/")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url(re.compile(r"/admin/$"))
            for name, url in STAFF.items():
                if only and not re.search(only, name):
                    continue
                response = page.goto(base + url)
                if response and response.status == 404:
                    continue
                path = OUT / f"{name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path.relative_to(ROOT))
        browser.close()


if __name__ == "__main__":
    main()
