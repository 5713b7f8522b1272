"""The sitemap: every language's pages, each with its hreflang alternates and x-default.

Wagtail's own sitemap lists the site's root page and what is under it: the English tree
only. This one lists the trees under every translation of that root page, and gives each
page that exists in more than one language its alternates (Google's sitemap form of
hreflang), in one extra query.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def _trees(self):
        """Pages under any translation of the site's root page (the home pages)."""
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under = Q()
        for path in homes.values_list("path", flat=True):
            under |= Q(path__startswith=path)
        return Page.objects.live().public().filter(under)

    def items(self):
        return self._trees().order_by("path").defer_streamfields().specific()

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        alternates = self.alternates()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def alternates(self):
        """{page URL: [{lang_code, location}]} for pages in more than one language."""
        versions = defaultdict(dict)
        pages = (
            self._trees()
            .select_related("locale")
            .only("id", "path", "depth", "url_path", "translation_key", "locale__language_code")
        )
        for version in pages:
            url = version.get_full_url(self.request)
            if url:
                versions[version.translation_key][version.locale.language_code] = url
        found = {}
        for by_language in versions.values():
            if len(by_language) < 2:
                continue
            links = [
                {"lang_code": code, "location": by_language[code]}
                for code, _name in settings.LANGUAGES
                if code in by_language
            ]
            if settings.LANGUAGE_CODE in by_language:
                links.append(
                    {"lang_code": "x-default", "location": by_language[settings.LANGUAGE_CODE]}
                )
            for url in by_language.values():
                found[url] = links
        return found
