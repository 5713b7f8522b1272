"""The WordPress import seen from a browser: each old address ends, after one permanent
redirect, on a page that answers 200; an imported article has no serious accessibility
violations."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import BLOCKING, WCAG_TAGS
from tests.practice.wordpress.conftest import EXPORT, UPLOADS, draw
from tests.practice.wordpress.test_addresses import OLD_ARCHIVE_ADDRESSES, OLD_ARTICLE_ADDRESSES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def imported_site(site, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    for path, spec in UPLOADS.items():
        (tmp_path / "uploads" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "uploads" / path).write_bytes(draw(*spec))
    call_command(
        "import_wordpress",
        str(EXPORT),
        "--media",
        str(tmp_path / "uploads"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return site


def test_old_addresses_redirect_once_to_a_page_that_answers(imported_site, open_page):
    page = open_page(DESKTOP)
    for old in [*OLD_ARTICLE_ADDRESSES, *OLD_ARCHIVE_ADDRESSES]:
        response = page.goto(imported_site + old)
        first = response.request.redirected_from
        assert first is not None, old
        assert first.redirected_from is None, f"{old}: a chain of redirects"
        assert first.response().status == 301, old
        assert response.status == 200, old


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_an_imported_article_has_no_serious_accessibility_violations(
    imported_site, open_page, viewport
):
    page = open_page(viewport)
    page.goto(f"{imported_site}/2024/03/05/cool-compresses/")
    assert page.locator("h1").inner_text() == "Cool compresses, step by step"
    screenshot(page, "imported-article")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert not problems
