"""How pages and other models declare what their changes affect: the one mixin and the one
registry the purge module reads (docs/caching.md)."""

from typing import ClassVar

# Models whose saves and deletes change what every page shows (registered in AppConfig.ready).
_site_wide_models = set()


def register_site_wide(*models):
    """Declare models shown on every page (snippets in the footer or in cached article parts):
    saving or deleting one purges the whole site. Site settings and privacy restrictions are
    always site-wide."""
    _site_wide_models.update(models)


def is_registered_site_wide(model):
    return any(issubclass(model, registered) for registered in _site_wide_models)


class CachedPageMixin:
    """A page type that says more about what its publication changes than Wagtail's default.

    Every page, with or without this mixin, purges its own URL and what Wagtail's
    `get_cached_paths()` lists under it, the pages above it, the sitemap and search. A page
    type adds to that here:
    """

    #: Shown on every page (the footer's offices): publishing, unpublishing, moving or
    #: deleting one starts a new site generation instead of purging paths.
    shown_on_every_page: ClassVar[bool] = False

    #: The name of the fragment version (practice.caching.fragments.FragmentVersion) that
    #: caches parts of pages built from this type's rows; any change of such a page bumps it.
    fragment_version: ClassVar[str | None] = None

    def get_dependent_paths(self):
        """Site paths of other pages that show this one, besides the pages above it (an
        article's category listings and related articles). Also asked of the version that was
        live before a publish, so a listing the page has left is purged too."""
        return []
