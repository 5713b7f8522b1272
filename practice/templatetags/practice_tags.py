"""Template tags for site-wide chrome: navigation and links to key pages."""

from django import template
from django.db.models import Q
from django.template.loader import render_to_string
from wagtail.models import Page, Site

from core import i18n, navigation
from core.site_settings import PracticeSettings
from core.structured_data import render_jsonld
from offices.structured_data import organization_jsonld

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = navigation.menu_items(site, request) if site else []
    page = context.get("page")
    current = page.get_url(request) if isinstance(page, Page) and page.pk else None
    return {"items": items, "current": current}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language (its translation, else that language's home)."""
    links = i18n.switcher_links(context.get("page"), context.get("request"))
    return {"links": links}


@register.inclusion_tag("components/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for each live version of the page, and x-default."""
    return {"links": i18n.alternates(context.get("page"), context.get("request"))}


@register.simple_tag(takes_context=True)
def booking_url(context, office=None, procedure=None, clinician=None):
    """URL of the booking flow, optionally pre-selecting an office or a procedure page, and
    a clinician (`clinician=<Clinician>`: "Book with ...").

    From a site page the link carries `source=<that page's id>`, so the booking records which
    page the visitor started from (first-party; consultations.forms.SourcePageField).
    """
    request = context.get("request")
    page = PracticeSettings.for_request(request).localized_booking_page if request else None
    url = (page.get_url(request) if page else None) or "/book/"
    params = []
    if office is not None:
        # Schedules name the default language's offices: a translated office books as it.
        params.append(f"office={i18n.default_language_version(office).pk}")
    elif procedure is not None:
        # Booking entries name the default language's procedure pages, as for offices.
        params.append(f"procedure={i18n.default_language_version(procedure).pk}")
    if clinician is not None:
        params.append(f"clinician={clinician.pk}")
    current = context.get("page")
    if isinstance(current, Page) and current.pk and (page is None or current.pk != page.pk):
        params.append(f"source={current.pk}")
    return f"{url}?{'&'.join(params)}" if params else url


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Breadcrumb trail from the home page down to `page`."""
    return navigation.breadcrumb_links(page, context.get("request"))


@register.simple_tag
def pagination(page_obj, label="", query=""):
    """`{% pagination page_obj label %}`: the links to every page of a listing."""
    if page_obj.paginator.num_pages < 2:
        return ""
    context = {"page_obj": page_obj, "label": label, "query": query}
    return render_to_string("components/pagination.html", context)


@register.simple_tag(takes_context=True)
def organization_structured_data(context, home):
    """`{% organization_structured_data page %}`: the home page's JSON-LD (the practice and
    its offices), placed in the body inside the home page's cached fragment, so a warm
    render builds none of it (search engines read JSON-LD anywhere in the document)."""
    request = context["request"]
    settings = PracticeSettings.for_request(request)
    return render_jsonld(organization_jsonld(home, home.offices(), settings, request))


@register.simple_tag
def jsonld(data):
    """`{% jsonld data %}`: a <script type="application/ld+json"> block, safely escaped."""
    return render_jsonld(data)


@register.filter
def localized_title(page):
    """`{{ office|localized_title }}`: a default-language page's title in the active language."""
    return i18n.localized_title(page)


@register.filter
def as_list(value):
    """Wrap one object in a list, for components that take several (e.g. forms)."""
    return [value]


@register.simple_tag(takes_context=True)
def book_with(context, author=None, procedure=None):
    """`{% book_with author=author as links %}`: [(name, booking URL)] to book a clinician.

    For an author: the active clinician whose public profile it is (in any language). For a
    procedure page: the active clinicians with a public profile who consult on it. Staff
    without a public profile are never named here. One query.
    """
    from people.models import Clinician

    clinicians = Clinician.objects.bookable().filter(author__isnull=False)
    if author is not None:
        clinicians = clinicians.filter(author__translation_key=author.translation_key)
    elif procedure is not None:
        original = i18n.default_language_version(procedure)
        clinicians = clinicians.filter(
            Q(procedures__page_id=original.pk) | Q(procedures__isnull=True)
        ).distinct()
    else:
        return []
    return [
        (c.name, booking_url(context, procedure=procedure, clinician=c))
        for c in clinicians.order_by("sort_order", "name", "pk")
    ]


@register.simple_tag
def jsonld_with_booking(data, links):
    """`{% jsonld_with_booking item links %}`: a person's JSON-LD offering their booking
    link (schema.org ReserveAction) when `links` (from book_with) has one."""
    if links and isinstance(data, dict) and "Person" in str(data.get("@type")):
        _name, url = links[0]
        data = {
            **data,
            "potentialAction": {
                "@type": "ReserveAction",
                "name": "Book a consultation",
                "target": url,
            },
        }
    return render_jsonld(data)
