"""Caching: the full-page cache, cached fragments, and purging both (and a proxy or CDN in
front) when content changes. The public API, described in docs/caching.md:

- `CachedPageMixin` (a page type's declarations) and Wagtail's own `get_cached_paths()`;
- `register_site_wide(*models)`: models shown on every page;
- `site_fragment(name, build)` and `FragmentVersion(name)`: fragments cached until a change;
- `cached_html(key, render)` (and the `{% fragment key %}` template tag), with keys from
  `FragmentVersion.key_for()` or `site_fragment_key()`: rendered HTML cached until a change;
  `cached_value(key, build)`, `read_cached(key)` and `store_cached(key, value, timeout)`: any
  value under such a key, read once per request and with the address's other reads in one
  round trip (`practice.caching.reads`);
- `cache_until(response, expiry)`: a response that must not be cached past a moment;
- `practice.caching.purge`: what each change purges (plain `decide_*` functions);
- `practice.caching.sinks`: where purges go (the in-app cache, Wagtail's frontend cache);
- `practice.caching.page_cache`: the full-page cache `PageCacheMiddleware` asks first
  (`lookup`, `store`, `response_for`: an entry holds the whole stack's headers and the page
  in each coding of `practice.caching.compression`).
"""

from practice.caching.declarations import CachedPageMixin, register_site_wide
from practice.caching.fragments import (
    FragmentVersion,
    address_fragment_key,
    cached_html,
    cached_value,
    site_fragment,
    site_fragment_key,
)
from practice.caching.page_cache import cache_until
from practice.caching.reads import read as read_cached
from practice.caching.reads import store as store_cached

__all__ = [
    "CachedPageMixin",
    "FragmentVersion",
    "cache_until",
    "cached_html",
    "cached_value",
    "read_cached",
    "store_cached",
    "register_site_wide",
    "site_fragment",
    "address_fragment_key",
    "site_fragment_key",
]
