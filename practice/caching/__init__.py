"""Caching: the full-page cache, cached fragments, and purging both (and a proxy or CDN in
front) when content changes. The public API, described in docs/caching.md:

- `CachedPageMixin` (a page type's declarations) and Wagtail's own `get_cached_paths()`;
- `register_site_wide(*models)`: models shown on every page;
- `site_fragment(name, build)` and `FragmentVersion(name)`: fragments cached until a change;
- `cached_html(key, render)` (and the `{% fragment key %}` template tag), with keys from
  `FragmentVersion.key_for()` or `site_fragment_key()`: rendered HTML cached until a change;
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
    site_fragment,
    site_fragment_key,
)
from practice.caching.page_cache import cache_until

__all__ = [
    "CachedPageMixin",
    "FragmentVersion",
    "cache_until",
    "cached_html",
    "register_site_wide",
    "site_fragment",
    "address_fragment_key",
    "site_fragment_key",
]
