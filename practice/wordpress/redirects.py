"""Permanent redirects from the old site's addresses to the imported pages, through
wagtail.contrib.redirects: page redirects (they follow the page when it moves), only to live
pages, and never from an address a page of the new site answers itself."""

from urllib.parse import parse_qs, urlsplit

from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect


def item_paths(item):
    """Every old address of a post or page: its permalink (any structure, percent-encoded or
    not), its guid if that is an address on the site, and /?p=ID (and /?page_id=ID)."""
    paths = []
    for url in (item.link, item.guid):
        parts = urlsplit(url or "")
        if parts.path and parts.path != "/":
            paths.append(parts.path)
        elif parts.query:
            query = parse_qs(parts.query)
            for name in ("p", "page_id"):
                if query.get(name, [""])[0].isdigit():
                    paths.append(f"/?{name}={query[name][0]}")
    paths.append(f"/?p={item.id}")
    if item.post_type == "page":
        paths.append(f"/?page_id={item.id}")
    return unique(paths)


def category_path(term, terms_by_slug):
    """/category/parent/child/: WordPress puts a category's parents in its archive's address."""
    slugs, seen = [], set()
    while term is not None and term.slug not in seen:
        seen.add(term.slug)
        slugs.insert(0, term.slug)
        term = terms_by_slug.get(term.parent_slug)
    return "/category/" + "/".join(slugs) + "/"


def unique(paths):
    found = []
    for path in paths:
        normalised = Redirect.normalise_path(path)
        if normalised not in found:
            found.append(normalised)
    return found


def author_path(login):
    return f"/author/{slugify(login)}/"


class Redirects:
    """Writes the redirects, counting what it did in the report (kind "redirect")."""

    def __init__(self, site, report):
        self.site = site
        self.report = report
        self.existing = {r.old_path: r for r in Redirect.objects.filter(site=site)}

    def point(self, paths, page, route=""):
        """Redirect each old path to `page` (and a route of it, e.g. a category listing)."""
        parts = page.get_url_parts()
        own = Redirect.normalise_path(parts[2] if parts else "")
        for path in unique(paths):
            if path == own and not route:
                continue  # the new page answers this address itself
            found = self.existing.get(path)
            target = (page.pk, route, True, "")
            if (
                found is not None
                and (
                    found.redirect_page_id,
                    found.redirect_page_route_path,
                    found.is_permanent,
                    found.redirect_link,
                )
                == target
            ):
                self.report.count("redirect", "unchanged")
                continue
            outcome = "updated" if found else "created"
            found = found or Redirect(site=self.site, old_path=path)
            found.redirect_page = page
            found.redirect_page_route_path = route
            found.redirect_link = ""
            found.is_permanent = True
            found.save()
            self.existing[path] = found
            self.report.count("redirect", outcome)

    def remove(self, page):
        """A page that is not live answers no redirect (it would end in a 404)."""
        stale = [path for path, r in self.existing.items() if r.redirect_page_id == page.pk]
        if not stale:
            return
        deleted, _ = Redirect.objects.filter(site=self.site, old_path__in=stale).delete()
        for path in stale:
            del self.existing[path]
        if deleted:
            self.report.count("redirect", "skipped", deleted)
