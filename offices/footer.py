"""The footer's office list: on every page, so built once per site generation.

Publishing, unpublishing, moving or deleting an office (or renaming the office index) bumps
the site generation after the commit (practice/signals.py), which retires this fragment.
"""

from practice import page_cache


def _build():
    from offices.models import OfficePage

    return [
        {
            "title": office.title,
            "url": office.url,
            "address_lines": office.address_lines,
            "phone_e164": office.phone.as_e164 if office.phone else "",
            "phone_display": office.phone.as_national if office.phone else "",
        }
        for office in OfficePage.objects.live().order_by("path")
    ]


def footer_offices():
    """Name, URL, address lines and phone of each live office, in path order."""
    return page_cache.site_fragment("footer-offices", _build)
