"""Where a page sits in the tree: its parents (for the breadcrumb trail, its structured data
and the privacy check), the main menu, and routing that reuses what it has loaded."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from practice import page_cache


def routed_parents(page):
    """The parents routing loaded for `page`, from the home page down, or None.

    Wagtail's routing caches each parent on the child it finds (`_cached_parent_obj`, which
    treebeard's get_parent also reads), so a page reached by its URL knows its parents
    without a query. A page loaded any other way (a preview, a listing) gives None.
    """
    chain = []
    node = page
    while node.depth > 2:  # depth 1 is the tree root, 2 the home page
        parent = node.__dict__.get("_cached_parent_obj")
        if parent is None or parent.depth != node.depth - 1:
            return None
        chain.append(parent)
        node = parent
    return chain[::-1]


def ancestors(page):
    """The pages from the home page down to `page`'s parent (the tree root left out)."""
    if "_ancestors" not in page.__dict__:
        chain = routed_parents(page)
        if chain is None:
            chain = list(page.get_ancestors().filter(depth__gt=1))
        page.__dict__["_ancestors"] = chain
    return page.__dict__["_ancestors"]


def restricted_paths():
    """Tree paths of the pages with a privacy restriction (a handful at most).

    Cached until the site generation changes: saving or deleting a restriction starts a new
    one after its commit (practice.signals), as it does for every cached page.
    """

    def build():
        return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))

    return page_cache.site_fragment("restricted-paths", build)


def _children_types(parent):
    """{slug: content type id} of a page's children, for parents with mixed child types."""

    def build():
        return dict(parent.get_children().values_list("slug", "content_type_id"))

    return page_cache.site_fragment(f"children:{parent.pk}", build)


ROUTED_CHILD_TIMEOUT = 6 * 3600  # a backstop: the key's versions change with the page


def _cached_child(key, query):
    """The child `query` finds, cached under `key`, which the page type computes (reading
    its versions before the query runs, so a racing change leaves a dead entry)."""
    child = cache.get(key)
    if child is None:
        child = query.first()
        if child is not None:  # a missing child is not remembered: it may be added any time
            cache.set(key, child, ROUTED_CHILD_TIMEOUT)
    return child


class RoutedPageMixin:
    """Routing and privacy checks that reuse what routing already loaded.

    Wagtail finds a child with one query and loads its specific type with another, then
    looks up the page's ancestors again to check privacy restrictions. Here a child of a
    known type comes in one query, and with the parents already loaded (and no restriction
    above them, which is the usual case), the privacy check needs none. Anything unusual
    (an alias, a child the cached list does not know) takes Wagtail's own path.
    """

    def _child_model(self, slug):
        allowed = self.specific_class.allowed_subpage_models()
        if len(allowed) == 1:
            return allowed[0]
        # A stale entry costs only a miss: the query below filters on this page and slug.
        type_id = _children_types(self).get(slug)
        return ContentType.objects.get_for_id(type_id).model_class() if type_id else None

    def route(self, request, path_components):
        if path_components:
            model = self._child_model(path_components[0])
            if model is not None:
                found = model._default_manager.child_of(self).filter(slug=path_components[0])
                # A page type can name the foreign keys it always shows (an article's hero
                # image): joined here, they cost no query of their own.
                joined = getattr(model, "routing_select_related", ())
                query = found.select_related(*joined) if joined else found
                # A page type can also have routing cache it, under a key it computes.
                cache_key = getattr(model, "routing_cache_key", None)
                if cache_key is not None:
                    child = _cached_child(cache_key(self, path_components[0]), query)
                else:
                    child = query.first()
                if child is not None:
                    child._cached_parent_obj = self
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        parents = routed_parents(self)
        if parents is None or any(page.alias_of_id for page in [*parents, self]):
            return super().get_view_restrictions()  # aliases take their source's restrictions
        # Tree paths nest: a restriction on this page or any ancestor has a prefix of its path.
        if any(self.path.startswith(path) for path in restricted_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


def menu_items(site, request):
    """(title, url) of the live pages under the home page marked "show in menus".

    On every page, so cached until the site generation changes (publishing or unpublishing a
    menu page, or moving or renaming one, starts a new one: see practice.signals).
    """

    def build():
        pages = site.root_page.get_children().live().in_menu().only("title", "url_path")
        return [(page.title, page.get_url(request)) for page in pages]

    return page_cache.site_fragment(f"menu:{site.pk}", build)
