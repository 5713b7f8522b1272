"""The footer's office list: cached, because it is on every page."""

from django.core.cache import cache

from offices import hours

FOOTER_CACHE_KEY = "offices:footer:v1"


def footer_offices():
    """Name, URL, address lines and phone of each live office, from cache when possible."""
    data = cache.get(FOOTER_CACHE_KEY)
    if data is None:
        from offices.models import OfficePage

        data = [
            {
                "title": office.title,
                "url": office.url,
                "address_lines": office.address_lines,
                "phone_e164": office.phone.as_e164 if office.phone else "",
                "phone_display": office.phone.as_national if office.phone else "",
                "weekly": [
                    (day, [i.label() for i in intervals])
                    for day, intervals in hours.weekly_hours(office)
                ],
            }
            for office in OfficePage.objects.live()
            .order_by("path")
            .prefetch_related("opening_hours")
        ]
        cache.set(FOOTER_CACHE_KEY, data, timeout=None)
    return data


def invalidate_footer(**kwargs):
    cache.delete(FOOTER_CACHE_KEY)
