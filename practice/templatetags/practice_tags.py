"""Template tags for site-wide chrome: navigation and links to key pages."""

import hashlib

from django import template
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Page

from practice import i18n, navigation
from practice.caching import address_fragment_key, cached_html, site_fragment_key
from practice.site_settings import PracticeSettings
from practice.structured_data import render_jsonld

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = navigation.find_site(request) if request else None
    items = navigation.menu_items(site, request) if site else []
    current = getattr(context.get("page"), "url", None)
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
def chrome_key(context, name, per_page=False):
    """`{% chrome_key "footer" as key %}`: the key of a part of every page's chrome (header,
    footer) for `{% fragment %}`, under the site generation (settings, menu pages, offices
    and authors all start a new one), the request's language, scheme and host, and with
    `per_page` the page (the header marks it in the menu and names it in the booking link).
    Empty (render afresh) for a preview, or a per-page part on something that is no page."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return ""
    origin = f"{request.scheme}://{request.get_host()}"
    if not per_page:
        return site_fragment_key(f"chrome-{name}", get_language(), origin)
    page = context.get("page")
    if page is not None and not (isinstance(page, Page) and page.pk):
        return ""
    # Under the address's version too: the language switcher links this page's translations,
    # and publishing or withdrawing one purges this address.
    page_id = page.pk if page is not None else ""
    return address_fragment_key(f"chrome-{name}", request, get_language(), origin, page_id)


@register.simple_tag(takes_context=True)
def page_url(context, page):
    """`{% page_url page %}`: Wagtail's `{% pageurl %}`, with the site found from the cache
    (`{% pageurl %}` runs Wagtail's site query on every render that uses it)."""
    return navigation.page_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def booking_url(context, office=None, procedure=None, clinician=None):
    """URL of the booking flow, optionally pre-selecting an office or a procedure page, and
    a clinician (`clinician=<Clinician>`: "Book with ...").

    From a site page the link carries `source=<that page's id>`, so the booking records which
    page the visitor started from (first-party; consultations.forms.SourcePageField).
    """
    request = context.get("request")
    page = PracticeSettings.for_request(request).booking_page if request else None
    url = navigation.page_url(page, request) if page else "/book/"
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
    """Breadcrumb trail from the home page down to `page` (one query, shared with JSON-LD)."""
    return navigation.breadcrumb_links(page, context.get("request"))


@register.simple_tag
def pagination(page_obj, label="", query=""):
    """`{% pagination page_obj label %}`: the links to every page of a listing (a hundred for
    the blog), cached as HTML: they depend on nothing but the page count, the current page,
    the label, the extra query and the language (the release is in every key: templates)."""
    if page_obj.paginator.num_pages < 2:
        return ""
    key = ":".join(
        str(part)
        for part in ("pagination", get_language(), page_obj.paginator.num_pages, page_obj.number)
    )
    key += f":{hashlib.sha1(f'{label}|{query}'.encode(), usedforsecurity=False).hexdigest()}"
    context = {"page_obj": page_obj, "label": label, "query": query}
    return cached_html(key, lambda: render_to_string("components/pagination.html", context))


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


class FragmentNode(template.Node):
    def __init__(self, nodelist, key, parts):
        self.nodelist = nodelist
        self.key = key
        self.parts = parts

    def render(self, context):
        key = self.key.resolve(context)
        if key:
            key = ":".join([key, *(str(part.resolve(context)) for part in self.parts)])
        return cached_html(key, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    """`{% fragment key "part" %}...{% endfragment %}`: the enclosed HTML, cached under `key`
    (built by the page from practice.caching's versions, so every change that alters it
    retires it) joined with the optional parts naming this piece of the page. With an empty
    key (a preview) it is rendered afresh and not stored."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a cache key")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    key, *parts = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(nodelist, key, parts)


@register.simple_tag(takes_context=True)
def book_with(context, author=None, procedure=None):
    """`{% book_with author=author as links %}`: [(name, booking URL)] to book a clinician.

    For an author: the active clinician whose public profile it is (in any language). For a
    procedure page: the active clinicians with a public profile who consult on it. Staff
    without a public profile are never named here. One query.
    """
    from consultations.models import Clinician

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
