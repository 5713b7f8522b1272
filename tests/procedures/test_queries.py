"""Query budgets: the procedures list, a procedure page (with the articles naming it) and
the gallery cost the same however many procedures, articles and cases there are."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import BlogIndexPage, BlogPage
from procedures.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered")]

# Measured: Wagtail's routing, site lookup and privacy check, the settings and the page's
# language versions, then what each page lists (the header and footer are cached HTML).
BUDGETS = {
    "/procedures/": 15,
    "/procedures/eyelid-surgery/": 24,
    "/procedures/results/": 18,
    "/procedures/results/eyelid-surgery/": 21,
}
_counter = itertools.count()


def queries(client, url):
    """The queries of a steady-state render (the first request makes image renditions and
    caches the header and footer, as on a running server)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


@pytest.fixture
def add_articles(seeded):
    """`add_articles(n)`: n more live articles naming eyelid surgery, each with the seeded
    article's hero image (their cards show it)."""
    index = BlogIndexPage.objects.get(locale__language_code="en")
    model = BlogPage.objects.live().filter(locale__language_code="en").first()
    eyelids = ProcedurePage.objects.get(slug="eyelid-surgery", locale__language_code="en")

    def add(count):
        for _ in range(count):
            n = next(_counter)
            article = BlogPage(
                title=f"Eyelid story {n}",
                slug=f"eyelid-story-{n}",
                lede="About eyelids.",
                date=timezone.localdate() - datetime.timedelta(days=n),
                hero_image=model.hero_image,
                hero_alt="Eyelids",
                body=model.body.raw_data,
                first_published_at=timezone.now(),
            )
            article.procedures = [eyelids]
            index.add_child(instance=article)

    return add


def test_the_list_and_a_page_cost_the_same_with_2n_procedures_and_articles(
    client, make_procedure, add_articles
):
    urls = ["/procedures/", "/procedures/eyelid-surgery/"]
    for _ in range(8):
        make_procedure()
    add_articles(8)
    at_n = {url: queries(client, url) for url in urls}
    for _ in range(8):
        make_procedure()
    add_articles(8)
    at_2n = {url: queries(client, url) for url in urls}
    assert at_2n == at_n
    assert all(at_n[url] <= BUDGETS[url] for url in urls), at_n


@pytest.mark.parametrize("url", ["/procedures/results/", "/procedures/results/eyelid-surgery/"])
def test_gallery_costs_the_same_with_2n_cases(client, url, seeded):
    from tests.procedures.cases import make_case

    for _ in range(6):
        make_case(procedure="eyelid-surgery")
    at_n = queries(client, url)
    for _ in range(6):
        make_case(procedure="eyelid-surgery")
    assert queries(client, url) == at_n <= BUDGETS[url]


def test_a_procedure_edit_and_unpublish_show_at_once_on_the_list_and_its_page(
    fetch, make_procedure
):
    procedure = make_procedure("Chin sculpting, first wording")
    url = procedure.url
    assert "Chin sculpting, first wording" in fetch("/procedures/")
    assert fetch(url) is not None

    def publish():
        procedure.title = "Chin sculpting, second wording"
        procedure.save_revision().publish()

    fetch.change(publish)
    assert "Chin sculpting, second wording" in fetch("/procedures/")
    assert "Chin sculpting, second wording" in fetch(url)

    fetch.change(procedure.unpublish)
    assert "Chin sculpting" not in fetch("/procedures/")
    assert fetch(url) is None
