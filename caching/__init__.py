"""Caching below every app: the page cache and the edge, retired whole by any content change.

The in-app full-page cache, the site chrome's cached fragments and the edge in front
(docs/caching.md), with the release key in every shared cache key. The public API:

- `PageCacheMiddleware` (caching.middleware) and the context processor
  `caching.context_processors.cache_generation`, whose `cache_generation` the
  templates' `{% wagtailcache %}` fragments vary on;
- `caching.purge.retire_site()`: retire everything after the current transaction commits,
  for a change no save announces;
- `caching.purge.decide(instance, update_fields)`: what a save or delete retires.

Pages and models declare nothing: every save retires the whole site unless its model is in
`purge.NEVER_SHOWN` or it is a page's draft save.
"""
