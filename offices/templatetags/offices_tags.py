"""Template tags that show office details on every page."""

from django import template

from offices.models import OfficePage

register = template.Library()


@register.inclusion_tag("components/footer_offices.html")
def footer_offices():
    offices = OfficePage.objects.live().order_by("path")
    return {"offices": offices}
