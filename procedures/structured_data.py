"""schema.org JSON-LD for procedure pages: a MedicalWebPage about a MedicalProcedure, its FAQ
and breadcrumbs, built as dicts like blog.structured_data (whose helpers it reuses)."""

from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from blog.structured_data import author_jsonld, breadcrumbs_jsonld, publisher_jsonld
from core.i18n import active_language
from core.structured_data import absolute

SCHEMA = "https://schema.org/"


def _clean(data):
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def plain(rich_text):
    """Rich text as one line of plain text (schema.org's Text properties take no markup)."""
    return " ".join(strip_tags(expand_db_html(rich_text or "")).split())


def recovery_text(page):
    return " ".join(
        f"{step.value.when()}: {step.value['title']}. {step.value['text']}"
        for step in page.recovery
        if step.block_type == "step"
    )


def medical_procedure_jsonld(page, url):
    """The procedure itself. A surgical one is a SurgicalProcedure; an injection or
    non-invasive treatment is a MedicalProcedure whose procedureType names which."""
    surgical = page.kind == "surgical"
    return _clean(
        {
            "@type": "SurgicalProcedure" if surgical else "MedicalProcedure",
            "@id": f"{url}#procedure",
            "name": page.title,
            "description": page.summary,
            "url": url,
            "procedureType": None
            if surgical
            else SCHEMA
            + ("PercutaneousProcedure" if page.kind == "percutaneous" else "NoninvasiveProcedure"),
            "bodyLocation": page.body_location,
            "howPerformed": plain(page.how_it_is_done),
            "preparation": plain(page.preparation),
            "followup": recovery_text(page),
        }
    )


def faq_jsonld(page):
    questions = [
        {
            "@type": "Question",
            "name": block.value["question"],
            "acceptedAnswer": {
                "@type": "Answer",
                "text": expand_db_html(block.value["answer"].source),
            },
        }
        for block in page.faq
        if block.block_type == "question"
    ]
    if not questions:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}


def procedure_jsonld(page, request, settings):
    """Every JSON-LD block for a procedure page, in the order they are rendered."""
    url = absolute(request, page.url)
    web_page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": f"{url}#webpage",
        "url": url,
        "name": page.title,
        "inLanguage": active_language(),
        "description": page.get_meta_description(),
        "about": medical_procedure_jsonld(page, url),
        "publisher": publisher_jsonld(settings, request),
    }
    # From the physician's approval of the live version (medical_review).
    review = page.medical_review
    if review:
        if review.reviewer:
            web_page["reviewedBy"] = author_jsonld(review.reviewer, request)
        web_page["lastReviewed"] = review.reviewed_on.isoformat()
    blocks = [_clean(web_page), breadcrumbs_jsonld(page, request)]
    faq = faq_jsonld(page)
    if faq:
        blocks.append(faq)
    return blocks
