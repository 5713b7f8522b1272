"""Template tags that show office details on every page."""

from django import template

from offices import footer

register = template.Library()


@register.inclusion_tag("components/footer_offices.html", takes_context=True)
def footer_offices(context):
    return {"offices": footer.footer_offices(context.get("request"))}
