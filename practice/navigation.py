"""Where a page sits in the tree: its parents (for the breadcrumb trail, its structured data
and the privacy check), the main menu, and routing that reuses what it has loaded."""

from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from wagtail.models import PageViewRestriction, Site

from practice.caching import (
    CachedPageMixin,
    FragmentVersion,
    read_cached,
    site_fragment,
    store_cached,
)
from practice.caching.state import InstanceState

# The parent routing found each page under (RoutedPageMixin.route), by the page object.
_routed_parents = InstanceState()
# The ancestors looked up once per page object.
_ancestors = InstanceState()


def routed_parents(page):
    """The parents routing loaded for `page`, from the home page down, or None.

    A page reached by its URL through RoutedPageMixin knows its parents without a query. A
    page loaded any other way (a preview, a listing) gives None.
    """
    chain = []
    node = page
    while node.depth > 2:  # depth 1 is the tree root, 2 the home page
        parent = _routed_parents.get(node)
        if parent is None or parent.depth != node.depth - 1:
            return None
        chain.append(parent)
        node = parent
    return chain[::-1]


def parent(page):
    """The page's parent: the one routing loaded, or from the database."""
    found = _routed_parents.get(page)
    return found if found is not None else page.get_parent().specific


def ancestors(page):
    """The pages from the home page down to `page`'s parent (the tree root left out)."""
    chain = _ancestors.get(page)
    if chain is None:
        chain = routed_parents(page)
        if chain is None:
            chain = list(page.get_ancestors().filter(depth__gt=1))
        _ancestors.set(page, chain)
    return chain


def page_url(page, request):
    """`page.url`, read as the request's site sees it: Wagtail keeps the sites' root paths on
    the request (one cache read per request rather than one per page object), and the site
    comes from `find_site` (Wagtail's `pageurl` tag would run its site query)."""
    if request is None:
        return page.url
    return page.relative_url(find_site(request), request)


def breadcrumb_links(page, request):
    """components/breadcrumbs.html's inputs: the (page, URL) pairs from the home page down
    to `page`'s parent, and `page` with its URL."""
    if page is None:
        return {"ancestors": [], "current": None}
    return {
        "ancestors": [(ancestor, page_url(ancestor, request)) for ancestor in ancestors(page)],
        "current": page,
        "current_url": page_url(page, request),
    }


def restricted_paths():
    """Tree paths of the pages with a privacy restriction (a handful at most).

    Cached until the site generation changes: saving or deleting a restriction starts a new
    one after its commit (practice.caching.purge), as it does for every cached page.
    """

    def build():
        return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))

    return site_fragment("restricted-paths", build)


def _children_types(parent):
    """{slug: content type id} of a page's children, for parents with mixed child types."""

    def build():
        return dict(parent.get_children().values_list("slug", "content_type_id"))

    return site_fragment(f"children:{parent.pk}", build)


ROUTED_CHILD_TIMEOUT = 6 * 3600  # a backstop: the key's versions change with the page


def _cached_child(key, query):
    """The child `query()` finds, cached under `key`, which the page type computes (reading
    its versions before the query runs, so a racing change leaves a dead entry)."""
    child = read_cached(key)
    if child is None:
        child = query().first()
        if child is not None:  # a missing child is not remembered: it may be added any time
            store_cached(key, child, ROUTED_CHILD_TIMEOUT)
    return child


# The site each request was found to belong to (find_site).
_request_sites = InstanceState()


def find_site(request):
    """The Wagtail site answering `request`, as `Site.find_for_request` finds it (by host
    and port, else the default site), cached per host and port until the site generation
    changes: saving or deleting a Site starts a new one (register_site_wide(Site)).

    Wagtail's own lookup runs one query (a Case/When ordering, costlier to build than to run)
    on every request; the page view, the settings and the menu ask here instead. Wagtail code
    that asks `Site.find_for_request` itself still runs its query."""
    site = _request_sites.get(request)
    if site is None:
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()
        site = site_fragment(f"site:{hostname}:{port}", lambda: Site.find_for_request(request))
        if site is not None:
            _request_sites.set(request, site)
    return site


# The version the home page type names (practice.models.HOME_FRAGMENTS): bumped when a home
# page, in any language, is published, unpublished, saved in full, moved or deleted.
_HOME = FragmentVersion("home")


def home_page(site):
    """Where routing starts: the site's root page in the active language, as its specific
    type (what Wagtail's own routing loads, in two queries, on every request:
    `site.root_page.localized.specific`).

    Cached under the home page type's version, the site generation (a site edit starts a new
    one) and the language, when the page is of a type that names that version; any other
    root is loaded afresh each time."""
    key = _HOME.key_for("routing-root", site.pk, site.root_page_id)
    home = read_cached(key)
    if home is None:
        home = site.root_page.localized.specific
        if isinstance(home, CachedPageMixin) and home.fragment_version == _HOME.name:
            store_cached(key, home, ROUTED_CHILD_TIMEOUT)
    return home


class RoutedPageMixin:
    """Routing and privacy checks that reuse what routing already loaded.

    Wagtail finds a child with one query and loads its specific type with another, then
    looks up the page's ancestors again to check privacy restrictions. Here a child of a
    known type comes in one query, and with the parents already loaded (and no restriction
    above them, which is the usual case), the privacy check needs none. Anything unusual
    (an alias, a child the cached list does not know, a child type without this mixin)
    takes Wagtail's own path.
    """

    #: Foreign keys loaded with the page when routing finds it (an article's hero image):
    #: joined in, they cost no query of their own.
    routing_select_related = ()

    @classmethod
    def routing_cache_key(cls, parent, slug):
        """A cache key under which routing keeps this page, found under `parent` by `slug`,
        or None (the default) to query it each time. The key must carry versions that every
        change of the page retires, read before the query runs."""
        return None

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
            if model is not None and issubclass(model, RoutedPageMixin):
                slug = path_components[0]

                def query():  # built only when it runs: building one costs a third of that
                    found = model.objects.child_of(self).filter(slug=slug)
                    if model.routing_select_related:
                        found = found.select_related(*model.routing_select_related)
                    return found

                cache_key = model.routing_cache_key(self, slug)
                child = query().first() if cache_key is None else _cached_child(cache_key, query)
                if child is not None:
                    _routed_parents.set(child, self)
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
    """(title, url) of the live pages under the home page marked "show in menus", in the
    active language (under its translation of the home page; cached per language).

    On every page, so cached until the site generation changes (publishing or unpublishing a
    menu page, or moving or renaming one, starts a new one: see practice.caching.purge).
    """

    def build():
        home = site.root_page.localized
        pages = home.get_children().live().in_menu().only("title", "url_path")
        return [(page.title, page_url(page, request)) for page in pages]

    return site_fragment(f"menu:{site.pk}", build)
