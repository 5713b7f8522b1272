"""The header fits: from 1024 px its menu, search, language and booking links sit on one
line in English and Spanish (the longer words); below that the compact header (name, Book,
Menu) takes one line and the menu opens from its disclosure."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ITEMS = ".main-nav a, .header-search, .language-switcher a, .site-header__cta"


def item_boxes(page):
    return page.eval_on_selector_all(
        ITEMS,
        """items => items.filter(item => item.offsetParent !== null).map(item => {
            const box = item.getBoundingClientRect();
            return {text: item.textContent.trim(), top: box.top, bottom: box.bottom};
        })""",
    )


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_header_is_one_line_from_1024_px_in_both_languages(site, open_page, width):
    page = open_page({"width": width, "height": 800})
    for path in ("/", "/es/", "/procedures/results/", "/es/procedimientos/resultados/"):
        page.goto(site + path)
        boxes = item_boxes(page)
        assert len(boxes) >= 7, boxes  # four menu pages, search, language, book
        # One line: every item's box overlaps the first's vertical band, no item wraps.
        first = boxes[0]
        wrapped = [b for b in boxes if b["top"] >= first["bottom"] or b["bottom"] <= first["top"]]
        assert not wrapped, (path, width, wrapped)
        heights = page.eval_on_selector_all(
            ".main-nav a, .header-search", "items => items.map(item => item.offsetHeight)"
        )
        assert max(heights) < 50, (path, width, heights)  # one line of text in a 44 px target
        header = page.eval_on_selector(".site-header", "header => header.offsetHeight")
        assert header <= 80, (path, width, header)
        assert not page.locator(".nav-disclosure > summary").is_visible()
        screenshot(page, f"header{path.replace('/', '-')}")


@pytest.mark.parametrize("width", [390, 1000])
def test_below_1024_px_the_header_is_compact_and_the_menu_opens(site, open_page, width):
    page = open_page({"width": width, "height": 800})
    page.goto(site + "/es/")
    summary = page.locator(".nav-disclosure > summary")
    assert summary.is_visible()
    assert not page.locator(".main-nav").is_visible()
    header = page.eval_on_selector(".site-header", "header => header.offsetHeight")
    assert header <= 80, header
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".main-nav").is_visible()
    assert page.get_by_role("link", name="English").is_visible()
