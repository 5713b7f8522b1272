"""Template tags that show office details: the footer's on every page, an office page's
structured data."""

from django import template

from core.site_settings import PracticeSettings
from core.structured_data import render_jsonld
from offices import footer
from offices.structured_data import office_jsonld

register = template.Library()


@register.inclusion_tag("components/footer_offices.html", takes_context=True)
def footer_offices(context):
    return {"offices": footer.footer_offices(context.get("request"))}


@register.simple_tag(takes_context=True)
def office_structured_data(context, office):
    """`{% office_structured_data page %}`: the office's JSON-LD (MedicalClinic), placed in
    the body inside the office page's cached fragment, so a warm render builds none of it."""
    request = context["request"]
    name = PracticeSettings.for_request(request).practice_name
    return render_jsonld(office_jsonld(office.load_rows(), request, name))
