"""Page weight of the gallery's first view: what a visitor's browser downloads on opening it
(HTML, CSS, script, images in view) stays within the home page's, on a phone and a desktop.
The patient photos wait behind their disclosure, so none of them is fetched before a case is
opened; opened, a case fetches only its first view's pair, at the width it is shown."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The home page's first view, as measured when this budget was set: 2 x 1280 px hero
# renditions at most, so about 120 KB. A budget, not a measurement: the test compares the
# gallery with the home page too.
HOME_BUDGET = 200 * 1024


def first_view(page, url):
    """{url: bytes} of every response the first view of `url` downloads."""
    from playwright.sync_api import Error as PlaywrightError

    sizes = {}

    def record(response):
        try:
            sizes[response.url] = len(response.body())
        except PlaywrightError:  # a redirect or aborted request has no body
            sizes.setdefault(response.url, 0)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", record)
    return sizes


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_gallery_first_view_weighs_no_more_than_the_home_page(site, open_page, viewport):
    page = open_page(viewport)
    home = first_view(page, f"{site}/")
    gallery = first_view(page.context.new_page(), f"{site}/procedures/results/")
    home_bytes, gallery_bytes = sum(home.values()), sum(gallery.values())
    assert home_bytes <= HOME_BUDGET, home
    assert gallery_bytes <= home_bytes, (gallery_bytes, home_bytes, gallery)
    assert not [url for url in gallery if "/patient-photos/" in url]


@pytest.mark.parametrize(
    ("viewport", "rendition"), [(PHONE, 800), (DESKTOP, 400)], ids=["375px", "1280px"]
)
def test_an_opened_case_loads_its_first_pair_at_the_size_shown(
    site, open_page, viewport, rendition
):
    # The phone is a 2x screen: its 320 px wide photo takes the 800 px rendition.
    page = open_page(viewport, device_scale_factor=2 if viewport == PHONE else 1)
    page.goto(f"{site}/procedures/results/", wait_until="networkidle")
    photos = []
    page.on("response", lambda r: "/patient-photos/" in r.url and photos.append(r.url))
    page.locator(".case-card__photos > summary").first.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert len(photos) == 2, photos  # the first view's pair; further views wait
    assert all(url.endswith(f"-{rendition}.jpg") for url in photos), photos
