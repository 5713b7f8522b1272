"""Parts of pages cached on their own, under versions that the purge module retires.

Two kinds of version make a fragment's key:

- the site generation (`page_cache`), which every site-wide change starts afresh: the menu,
  the footer, the settings (`site_fragment`);
- a named fragment version (`FragmentVersion`), which a page type names in
  `CachedPageMixin.fragment_version` and the purge module bumps when a page of that type is
  published, unpublished, saved in full, moved or deleted, and on every tag, image or
  privacy change.

Versions are read before a fragment is built, so a build racing with a change is stored under
the version that change retires, never served after it.
"""

import uuid

from django.core.cache import cache
from django.utils import translation

from practice.caching import page_cache, reads

# A backstop for versioned fragments: changes retire their keys at once.
FRAGMENT_TIMEOUT = 6 * 3600


def cached_value(key, build, timeout=FRAGMENT_TIMEOUT):
    """The value cached under `key` (a key carrying the versions that retire it), built by
    `build()` and stored when missing; a None from `build()` is not stored. Read through the
    request's reads (practice.caching.reads): once per request, with the address's others."""
    value = reads.read(key)
    if value is None:
        value = build()
        if value is not None:
            reads.store(key, value, timeout)
    return value


def cached_html(key, render):
    """The HTML cached under `key` (a key from `FragmentVersion.key_for` or
    `site_fragment_key`), rendered by `render()` and stored when missing. A falsy key (a
    preview, a draft) renders afresh and stores nothing. Rendered HTML is a SafeString,
    and stays one through the cache (pickled with its class)."""
    if not key:
        return render()
    return cached_value(key, render)


def site_fragment_key(name, *parts):
    """The cache key of fragment `name` for `parts`, under the site generation read now: for
    what only site-wide changes (settings, offices, menu pages, authors) alter."""
    generation, _ = page_cache.versions_for("/")
    joined = ":".join(str(part) for part in parts)
    return f"pagecache:fragment:{generation}:{name}:{joined}"


def address_fragment_key(name, request, *parts):
    """The cache key of fragment `name` for `parts` on the page at the request's address:
    under the site generation and that address's version, so whatever purges the address
    (its page, a translation of it appearing or going) retires the fragment too."""
    generation, path_version = page_cache.versions_for(request.path)
    joined = ":".join(str(part) for part in parts)
    return f"pagecache:fragment:{generation}:{path_version}:{name}:{joined}"


def site_fragment(name, build):
    """A value shown on every page (the menu), cached until the site generation changes,
    one per language (the menu and the footer list the active language's pages)."""
    generation, _ = page_cache.versions_for("/")
    language = translation.get_language()
    return cached_value(f"pagecache:fragment:{generation}:{language}:{name}", build, None)


class FragmentVersion:
    """A named version shared by the fragments built from one group of rows (the blog's)."""

    _registry = {}

    def __new__(cls, name):
        # One object per name, so every module naming "blog" shares it.
        if name not in cls._registry:
            instance = super().__new__(cls)
            instance.name = name
            instance.key = f"fragments:{name}:version"
            cls._registry[name] = instance
        return cls._registry[name]

    @classmethod
    def all(cls):
        return list(cls._registry.values())

    def current(self):
        version = reads.read_many([self.key]).get(self.key)
        if version is None:
            cache.add(self.key, uuid.uuid4().hex[:12], None)
            version = cache.get(self.key)
            reads.remember(self.key, version)
        return version

    def bump(self):
        cache.set(self.key, uuid.uuid4().hex[:12], None)
        reads.forget()

    def page_key(self, page, request, *parts):
        """The key of a live page's rendered parts: its live revision, under this version and
        the site generation, for the request's scheme and host (absolute URLs in the HTML).
        None for a preview or an unsaved page, which render afresh."""
        if getattr(request, "is_preview", False) or page.pk is None:
            return None
        origin = f"{request.scheme}://{request.get_host()}"
        revision = (page.live_revision_id, page.last_published_at)
        return self.key_for(type(page).__name__.lower(), page.pk, *revision, origin, *parts)

    def key_for(self, name, *parts):
        """The cache key of fragment `name` for `parts` (a page id): under this version and
        the site and language generations, read now (in one round trip when they exist)."""
        language_key = page_cache.language_generation_key()
        found = reads.read_many([page_cache.GENERATION_KEY, language_key, self.key])
        if found.get(page_cache.GENERATION_KEY) and found.get(language_key):
            generation = f"{found[page_cache.GENERATION_KEY]}.{found[language_key]}"
        else:
            generation = page_cache.versions_for("/")[0]
        version = found.get(self.key) or self.current()
        joined = ":".join(str(part) for part in parts)
        language = translation.get_language()
        return f"fragments:{self.name}:{version}:{generation}:{language}:{name}:{joined}"
