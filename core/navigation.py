"""Where a page sits in the tree: its parents (for the breadcrumb trail and its structured
data) and the main menu, read with Wagtail's own queries and URL lookups (which keep the
request's site and root paths on the request)."""


def ancestors(page):
    """The pages from the home page down to `page`'s parent (the tree root left out)."""
    return list(page.get_ancestors().filter(depth__gt=1))


def breadcrumb_links(page, request):
    """components/breadcrumbs.html's inputs: the (page, URL) pairs from the home page down
    to `page`'s parent, and `page` with its URL."""
    if page is None:
        return {"ancestors": [], "current": None}
    return {
        "ancestors": [(ancestor, ancestor.get_url(request)) for ancestor in ancestors(page)],
        "current": page,
        "current_url": page.get_url(request),
    }


def menu_items(site, request):
    """(title, url) of the live pages under the home page marked "show in menus", in the
    active language (under its translation of the home page)."""
    home = site.root_page.localized
    pages = home.get_children().live().in_menu().only("title", "url_path", "depth", "path")
    return [(page.title, page.get_url(request)) for page in pages]
