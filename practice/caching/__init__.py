"""Caching: the in-app full-page cache, the site chrome's cached fragments and the edge in
front, all retired together by any content change (docs/caching.md). The public API:

- `PageCacheMiddleware` (practice.caching.middleware) and the context processor
  `practice.caching.context_processors.cache_generation`, whose `cache_generation` the
  templates' `{% wagtailcache %}` fragments vary on;
- `retire_site()`: retire everything after the current transaction commits, for a change
  no save announces;
- `practice.caching.purge.decide(instance, update_fields)`: what a save or delete retires.

Pages and models declare nothing: every save retires the whole site unless its model is in
`purge.NEVER_SHOWN` or it is a page's draft save.
"""

from practice.caching.purge import retire_site

__all__ = ["retire_site"]
