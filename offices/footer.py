"""The footer's office list: on every page, so built once per site generation.

Publishing, unpublishing, moving or deleting an office (OfficePage.shown_on_every_page) or
renaming the office index starts a new site generation after the commit, which retires
this fragment.
"""

from wagtail.models import Locale

from offices.models import OfficePage
from practice.caching import site_fragment


def _build():
    return [
        {
            "title": office.title,
            "url": office.url,
            "address_lines": office.address_lines,
            "phone_e164": office.phone.as_e164 if office.phone else "",
            "phone_display": office.phone.as_national if office.phone else "",
        }
        for office in OfficePage.objects.live().filter(locale=Locale.get_active()).order_by("path")
    ]


def footer_offices():
    """Name, URL, address lines and phone of each live office in the active language, in
    path order (the fragment is cached per language)."""
    return site_fragment("footer-offices", _build)
