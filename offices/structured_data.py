"""schema.org JSON-LD for offices and the practice, built as plain dicts."""

from django.utils import timezone
from wagtail.images.models import Image

from core.structured_data import absolute
from offices import hours

# schema.org's day names, in English whatever the page's language (hours.WEEKDAYS translates).
DAY_URLS = [
    f"https://schema.org/{day}"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]


def _time(value):
    return value.strftime("%H:%M")


def opening_hours_specification(office, today):
    """Weekly rows, then the exceptions still to come (the ones the office page lists)."""
    specs = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": DAY_URLS[row.weekday],
            "opens": _time(row.opens),
            "closes": _time(row.closes),
        }
        for row in sorted(office.opening_hours.all(), key=lambda r: (r.weekday, r.opens))
    ]
    for exception in hours.upcoming_exceptions(office, today):
        spec = {
            "@type": "OpeningHoursSpecification",
            "validFrom": exception.date.isoformat(),
            "validThrough": exception.date.isoformat(),
        }
        # schema.org's convention for "closed all day" is opens = closes = 00:00.
        if exception.closed:
            spec.update(opens="00:00", closes="00:00")
        else:
            spec.update(opens=_time(exception.opens), closes=_time(exception.closes))
        specs.append(spec)
    return specs


def postal_address(office):
    street = ", ".join(line for line in [office.address_line_1, office.address_line_2] if line)
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "addressLocality": office.city,
        "addressRegion": office.region,
        "postalCode": office.postal_code,
        "addressCountry": office.country,
    }


def _image_url(image: Image | None, request):
    if image is None:
        return None
    return absolute(request, image.get_rendition("fill-1200x630|format-jpeg").url)


def office_jsonld(office, request, practice_name="", today=None):
    today = today or timezone.localdate()
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "@id": absolute(request, office.url) + "#clinic",
        "name": office.title,
        "url": absolute(request, office.url),
        "telephone": office.phone.as_e164 if office.phone else None,
        "email": office.email or None,
        "address": postal_address(office),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        },
        "openingHoursSpecification": opening_hours_specification(office, today),
        "medicalSpecialty": "PlasticSurgery",
    }
    gallery = list(office.gallery_images.all())
    if gallery:
        data["image"] = [_image_url(item.image, request) for item in gallery]
    if practice_name:
        data["parentOrganization"] = {"@type": "MedicalOrganization", "name": practice_name}
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def organization_jsonld(home, offices, settings, request):
    """The practice as a MedicalOrganization with its offices as locations."""
    today = timezone.localdate()
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalOrganization",
        "@id": absolute(request, home.url) + "#organization",
        "name": settings.practice_name,
        "url": absolute(request, home.url),
        "telephone": settings.main_phone.as_e164 if settings.main_phone else None,
        "email": settings.email or None,
        "medicalSpecialty": "PlasticSurgery",
        "logo": _image_url(settings.default_share_image, request),
        "sameAs": [url for _, url in settings.social_links] or None,
        "location": [
            {
                "@type": "MedicalClinic",
                "@id": absolute(request, office.url) + "#clinic",
                "name": office.title,
                "url": absolute(request, office.url),
                "telephone": office.phone.as_e164 if office.phone else None,
                "address": postal_address(office),
                "openingHoursSpecification": opening_hours_specification(office, today),
            }
            for office in offices
        ],
    }
    return {k: v for k, v in data.items() if v not in (None, "", [])}
