"""Query budgets: the procedures list and a procedure page cost the same however many
procedures and articles there are."""

import pytest

from blog.models import BlogPage
from procedures.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered")]


def _warm(client, url):
    assert client.get(url).status_code == 200


@pytest.fixture
def many_procedures(make_procedure):
    eyelids = ProcedurePage.objects.get(slug="eyelid-surgery")
    for article in BlogPage.objects.all():
        article.procedures.add(eyelids)
    return [make_procedure() for _ in range(15)]


@pytest.mark.parametrize("url", ["/procedures/", "/procedures/eyelid-surgery/"])
def test_query_budget_is_independent_of_how_many_there_are(
    client, url, many_procedures, django_assert_max_num_queries
):
    _warm(client, url)
    # 12 before the Spanish edition, which adds the active locale and the page's versions.
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.fixture
def many_cases(seeded):
    from tests.procedures.cases import make_case

    return [make_case(procedure="eyelid-surgery") for _ in range(12)]


@pytest.mark.parametrize("url", ["/procedures/results/", "/procedures/results/eyelid-surgery/"])
def test_gallery_query_budget_is_independent_of_case_count(
    client, url, many_cases, django_assert_max_num_queries
):
    _warm(client, url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "budget"), [("/procedures/", 0), ("/procedures/eyelid-surgery/", 5)]
)
def test_the_list_and_a_page_are_routed_from_the_cache(
    client, url, budget, seeded, django_assert_max_num_queries
):
    """The list is routed and rendered from the cache (none); a procedure page is routed
    from it (its FAQ, reviews and cases still load)."""
    _warm(client, url)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


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
