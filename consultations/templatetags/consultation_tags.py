"""Template tags for the booking pages."""

from django import template

from consultations.availability import zone_label

register = template.Library()


@register.simple_tag
def time_zone_label(when=None):
    """How the practice time zone is named to visitors: "Pacific time", or e.g. "CET"."""
    return zone_label(when)
