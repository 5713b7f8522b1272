"""Procedure pages' JSON-LD: a MedicalWebPage about the procedure, its FAQ and breadcrumbs."""

import pytest

from tests.blog.test_seo import by_type, jsonld_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocks(client):
    return jsonld_blocks(client.get("/procedures/eyelid-surgery/").content.decode())


def test_the_page_is_a_medical_web_page_about_a_surgical_procedure(blocks):
    page = by_type(blocks, "MedicalWebPage")
    procedure = page["about"]
    assert procedure["@type"] == "SurgicalProcedure"
    assert procedure["name"] == "Eyelid surgery"
    assert procedure["bodyLocation"] == "Upper and lower eyelids"
    assert procedure["howPerformed"].startswith("Usually under local anaesthesia")
    assert "<" not in procedure["howPerformed"] + procedure["preparation"]
    assert procedure["followup"].startswith("The day of the procedure: Rest with your head raised.")
    assert page["reviewedBy"]["name"]
    assert page["lastReviewed"]


def test_an_injection_names_its_procedure_type(client):
    html = client.get("/procedures/dermal-fillers/").content.decode()
    procedure = by_type(jsonld_blocks(html), "MedicalWebPage")["about"]
    assert procedure["@type"] == "MedicalProcedure"
    assert procedure["procedureType"] == "https://schema.org/PercutaneousProcedure"


def test_the_faq_is_a_faq_page(blocks):
    faq = by_type(blocks, "FAQPage")
    first = faq["mainEntity"][0]
    assert first["name"] == "Will my eyes look different?"
    assert first["acceptedAnswer"]["text"].startswith("<p>The aim is")


def test_breadcrumbs_lead_from_home_through_the_procedures(blocks):
    crumbs = by_type(blocks, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Procedures", "Eyelid surgery"]
