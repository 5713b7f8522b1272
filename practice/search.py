"""Site search: live, public pages matched with Wagtail's search backend."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search_pages(query):
    """Search results for `query` among live, public, unexpired pages (not the home page)
    in the active language (/es/search/ finds Spanish pages).

    Wagtail unpublishes an expired page only when `publish_scheduled` runs; until then it is
    still live. expire_at is not a search filter field, so the check is a subquery on ids.
    """
    expired = Page.objects.filter(expire_at__lte=timezone.now()).values("id")
    pages = Page.objects.live().public().filter(depth__gt=2, locale=Locale.get_active())
    return pages.exclude(id__in=expired).search(query)


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        # get_page turns junk or out-of-range numbers into the first or last page.
        results = Paginator(search_pages(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        pages = {
            page.pk: page
            for page in Page.objects.filter(pk__in=[page.pk for page in results]).specific()
        }
        results.object_list = [pages[page.pk] for page in results if page.pk in pages]
    response = render(
        request,
        "practice/search.html",
        {"query": query, "results": results, "query_string": urlencode({"q": query})},
    )
    if query:
        # Wagtail updates the search index in a background task, after a publish has retired
        # the cache: results stored meanwhile would miss the change. So they are not stored.
        patch_cache_control(response, private=True)
    return response
