"""The footer's office list: name, address and phone of each live office."""

from wagtail.models import Locale

from offices.models import OfficePage


def footer_offices(request=None):
    """Name, URL, address lines and phone of each live office in the active language, in
    path order (one query)."""
    return [
        {
            "title": office.title,
            "url": office.get_url(request),
            "address_lines": office.address_lines,
            "phone_e164": office.phone.as_e164 if office.phone else "",
            "phone_display": office.phone.as_national if office.phone else "",
        }
        for office in OfficePage.objects.live().filter(locale=Locale.get_active()).order_by("path")
    ]
