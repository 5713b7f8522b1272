"""The URLs of a page, as the purge module and the frontend cache sink name them."""

# Paths on every site that list or point to every page.
ALWAYS_PURGED = ("/sitemap.xml", "/search/")


def page_urls(page):
    """The full URLs a page serves: its own and what Wagtail's `get_cached_paths()` lists
    under it (as wagtail.contrib.frontend_cache builds them)."""
    parts = page.get_url_parts()
    if parts is None:
        return set()
    _, root_url, path = parts
    return {root_url + path + cached.lstrip("/") for cached in page.get_cached_paths()}
