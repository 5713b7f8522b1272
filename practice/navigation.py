"""Where a page sits in the tree, loaded once per page object and shared by the breadcrumb
trail and its structured data."""


def ancestors(page):
    """The pages from the home page down to `page`'s parent (the tree root left out)."""
    if "_ancestors" not in page.__dict__:
        page.__dict__["_ancestors"] = list(page.get_ancestors().filter(depth__gt=1))
    return page.__dict__["_ancestors"]
