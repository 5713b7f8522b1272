"""Template tags that show office details on every page."""

from django import template

from offices import footer

register = template.Library()


@register.inclusion_tag("components/footer_offices.html")
def footer_offices():
    return {"offices": footer.footer_offices()}
