"""Procedure pages: where they live, what they show, their links to articles and booking."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from blog.models import BlogPage
from practice.models import HomePage
from procedures.models import ProcedureIndexPage, ProcedurePage

pytestmark = pytest.mark.django_db


def test_procedure_pages_live_only_under_the_procedures_index():
    assert ProcedurePage.allowed_parent_page_models() == [ProcedureIndexPage]
    assert ProcedureIndexPage.allowed_parent_page_models() == [HomePage]
    assert ProcedureIndexPage.max_count == 1


def test_the_index_lists_live_procedures_in_tree_order(client, procedures_index, make_procedure):
    draft = make_procedure("Unpublished chin surgery")
    draft.unpublish()
    html = client.get("/procedures/").content.decode()
    titles = [p.title for p in procedures_index.procedures()]
    assert titles[:2] == ["Eyelid surgery", "Rhinoplasty"]
    assert all(title in html for title in titles)
    assert "Unpublished chin surgery" not in html


def test_procedure_page_shows_every_section(client):
    html = client.get("/procedures/eyelid-surgery/").content.decode()
    for heading in (
        "Who it suits",
        "How it is done",
        "Preparing for it",
        "Recovery timeline",
        "Risks",
        "Price",
        "Frequently asked questions",
    ):
        assert f">{heading}</h2>" in html
    assert "The day of the procedure" in html
    assert "Week 1" in html
    assert "$4500 to $8500" in html
    assert "Medically reviewed by" in html


def test_price_is_left_out_when_the_practice_sets_none(client, make_procedure):
    page = make_procedure()
    assert ">Price</h2>" not in client.get(page.url).content.decode()


def test_a_highest_fee_below_the_lowest_is_refused(make_procedure):
    page = make_procedure()
    page.price_from, page.price_to = 5000, 4000
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "price_to" in refused.value.message_dict


def test_a_highest_fee_without_a_lowest_is_refused(make_procedure):
    page = make_procedure()
    page.price_to = 4000
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "price_from" in refused.value.message_dict


def test_book_about_the_procedure_links_to_booking_with_it_chosen(client):
    page = ProcedurePage.objects.get(slug="rhinoplasty")
    html = client.get(page.url).content.decode()
    # The procedure, and the page the visitor starts booking from (the booking-source report).
    assert f'href="/book/?procedure={page.pk}&amp;source={page.pk}"' in html
    assert "Book a consultation about rhinoplasty" in html


def test_an_article_naming_a_procedure_is_listed_on_it_and_links_back(client):
    article = BlogPage.objects.get(slug="brow-lift-explained")
    procedure = ProcedurePage.objects.get(slug="brow-lift")
    assert list(article.procedures.all()) == [procedure]
    assert article.title in client.get(procedure.url).content.decode()
    assert f'href="{procedure.url}"' in client.get(article.url).content.decode()


def test_an_unpublished_article_is_not_listed_on_its_procedure(client):
    article = BlogPage.objects.get(slug="brow-lift-explained")
    Page.objects.get(pk=article.pk).specific.unpublish()
    procedure = ProcedurePage.objects.get(slug="brow-lift")
    assert article.title not in client.get(procedure.url).content.decode()


def test_procedures_are_found_by_site_search(client):
    html = client.get("/search/", {"q": "blepharoplasty"}).content.decode()
    assert "Eyelid surgery" in html
