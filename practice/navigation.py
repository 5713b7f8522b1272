"""Where a page sits in the tree, loaded once per page object and shared by the breadcrumb
trail and its structured data, and the main menu."""

from practice import page_cache


def ancestors(page):
    """The pages from the home page down to `page`'s parent (the tree root left out)."""
    if "_ancestors" not in page.__dict__:
        page.__dict__["_ancestors"] = list(page.get_ancestors().filter(depth__gt=1))
    return page.__dict__["_ancestors"]


def menu_items(site, request):
    """(title, url) of the live pages under the home page marked "show in menus".

    On every page, so cached until the site generation changes (publishing or unpublishing a
    menu page, or moving or renaming one, starts a new one: see practice.signals).
    """

    def build():
        pages = site.root_page.get_children().live().in_menu().only("title", "url_path")
        return [(page.title, page.get_url(request)) for page in pages]

    return page_cache.site_fragment(f"menu:{site.pk}", build)
