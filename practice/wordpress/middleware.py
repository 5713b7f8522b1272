"""The old site's query-string addresses (/?p=123, /?page_id=45): the home page answers
them with a 200, so Wagtail's redirect middleware (which acts on 404s only) never sees them.
This looks up the import's redirect for them before any cache or page answers."""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

QUERY_ADDRESSES = ("p", "page_id")


class OldQueryAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD"):
            for name in QUERY_ADDRESSES:
                value = request.GET.get(name, "")
                if value.isdigit():
                    response = self.redirect(request, f"/?{name}={value}")
                    if response is not None:
                        return response
        return self.get_response(request)

    @staticmethod
    def redirect(request, old_path):
        site = Site.find_for_request(request)
        found = Redirect.get_for_site(site).filter(old_path=old_path).order_by("site_id").first()
        link = found.link if found else None
        return HttpResponsePermanentRedirect(link) if link else None
