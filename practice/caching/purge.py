"""What a change purges: the one place that decides, from the change itself and Wagtail's
reference index, and hands the result to the sinks after the change commits.

The `decide_*` functions are plain: given a changed object they return a `Purge` and touch
nothing, so tests can ask them directly. The event functions below them (`page_published`,
`image_saved`, ...) are what the signal receivers (practice.caching.receivers) call; they
bring Wagtail's reference index up to date, decide, and schedule the purge.

Purging before the commit would let a request read the new cache version but the old rows
and cache them; `transaction.on_commit` makes the order safe.
"""

import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import Tag
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from practice.caching import sinks
from practice.caching.declarations import CachedPageMixin, is_registered_site_wide
from practice.caching.fragments import FragmentVersion
from practice.caching.state import InstanceState
from practice.caching.urls import always_purged, page_urls


@dataclasses.dataclass
class Purge:
    """Full URLs to purge, or the whole site, or every page of some languages; and the
    fragment versions to bump."""

    urls: set = dataclasses.field(default_factory=set)
    whole_site: bool = False
    fragment_versions: set = dataclasses.field(default_factory=set)
    # Language codes whose every page is purged (a menu page or an office in that language).
    languages: set = dataclasses.field(default_factory=set)

    def __or__(self, other):
        return Purge(
            self.urls | other.urls,
            self.whole_site or other.whole_site,
            self.fragment_versions | other.fragment_versions,
            self.languages | other.languages,
        )

    @property
    def paths(self):
        """The URLs' paths, for the in-app cache (which keys every host's entries by path)."""
        return {sinks.path_of(url) for url in self.urls}


@dataclasses.dataclass
class LiveVersion:
    """What the live version of a page showed, read before a publish replaces it."""

    in_menu: bool = False
    dependent_paths: tuple = ()
    # False for a first publish: the page's translations then gain a language link to it.
    was_live: bool = False


def _fragment_versions(page):
    if isinstance(page, CachedPageMixin) and page.fragment_version:
        return {FragmentVersion(page.fragment_version)}
    return set()


def shown_on_every_page(page):
    return isinstance(page, CachedPageMixin) and page.shown_on_every_page


def dependent_paths(page):
    return list(page.get_dependent_paths()) if isinstance(page, CachedPageMixin) else []


def decide_page(page, before=None):
    """A page published or unpublished: the page, the pages above it (their listings show
    it), the paths it and its previous live version name, the sitemap and its language's
    search; or every page of its language when it shows on every page (the menu, the
    footer).

    Its translations in other languages are purged only when their language links to it
    change (a first publish, an unpublish): a Spanish edit purges nothing English."""
    before = before or LiveVersion()
    versions = _fragment_versions(page)
    language = page.locale.language_code
    if page.show_in_menus or before.in_menu or shown_on_every_page(page):
        # The menu and the footer list the pages of their own language only.
        purge = Purge(languages={language}, fragment_versions=versions)
        if not before.was_live:
            purge.urls |= translation_urls(page)
        return purge
    parts = page.get_url_parts()
    if parts is None:
        return Purge(fragment_versions=versions)
    _, root_url, _ = parts
    urls = page_urls(page)
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        ancestor_parts = ancestor.get_url_parts()
        if ancestor_parts:
            urls.add(ancestor_parts[1] + ancestor_parts[2])
    paths = {*always_purged(language), *dependent_paths(page), *before.dependent_paths}
    urls.update(root_url + path for path in paths if path)
    if not before.was_live:
        urls |= translation_urls(page)
    return Purge(urls, fragment_versions=versions)


def translation_urls(page):
    """The URLs of the page's live translations, whose hreflang and language switcher
    links name this page."""
    urls = set()
    for translation in page.get_translations().live():
        parts = translation.get_url_parts()
        if parts is not None:
            urls.add(parts[1] + parts[2])
    return urls


def decide_page_unpublished(page, before=None):
    """As a publish; and when a site-wide object links to the page (an author's profile
    page, a settings link), its links on every page must go: the whole site."""
    # Its translations lose their language link to it, even if it had been live.
    purge = decide_page(page, dataclasses.replace(before or LiveVersion(), was_live=False))
    if referenced_site_wide(page):
        purge.whole_site = True
    return purge


def decide_page_moved(page):
    """A move or a new slug changes the URLs of the page and everything below it."""
    return Purge(whole_site=True, fragment_versions=_fragment_versions(page))


def decide_page_deleted(page):
    return Purge(whole_site=page.live, fragment_versions=_fragment_versions(page))


def decide_page_saved(page, update_fields=None):
    """A full save (a publish, a page added straight into the tree) changes the rows cached
    fragments are built from. Draft saves and autosaves name their fields and change
    nothing live: bumping on each would throw the fragments away while anyone edits."""
    if update_fields is not None:
        return Purge()
    return Purge(fragment_versions=_fragment_versions(page))


def is_site_wide_model(model):
    """Saving or deleting an object of `model` changes what every page shows."""
    return issubclass(
        model, BaseSiteSetting | BaseGenericSetting | PageViewRestriction
    ) or is_registered_site_wide(model)


def decide_model(instance, created=False):
    """Anything but a page, an image or a document saved or deleted."""
    model = type(instance)
    if issubclass(model, PageViewRestriction):
        # A restriction covers the page and everything below it; cached fragments (which
        # articles are related) must leave restricted ones out.
        return Purge(whole_site=True, fragment_versions=set(FragmentVersion.all()))
    if issubclass(model, Tag):
        # A renamed or deleted tag shows on every article and listing that carries it. A new
        # tag shows nowhere until an article with it publishes, which purges its own paths.
        if created:
            return Purge()
        return Purge(whole_site=True, fragment_versions=set(FragmentVersion.all()))
    if is_site_wide_model(model):
        return Purge(whole_site=True)
    return Purge()


def pages_showing(obj):
    """(live pages that show `obj`, whether anything else (a snippet, settings) does).

    Wagtail's reference index knows every page, inline child and StreamField block that
    points to it, so an edited image purges only the pages that show it.
    """
    page_type = ContentType.objects.get_for_model(Page)
    references = set(
        ReferenceIndex.get_references_to(obj).values_list("base_content_type_id", "object_id")
    )
    page_ids = {int(object_id) for type_id, object_id in references if type_id == page_type.pk}
    elsewhere = any(type_id != page_type.pk for type_id, _ in references)
    return Page.objects.filter(pk__in=page_ids).live().specific(), elsewhere


def referenced_site_wide(obj):
    """Whether a site-wide object (a snippet on every page, settings) points to `obj`."""
    type_ids = ReferenceIndex.get_references_to(obj).values_list("content_type_id", flat=True)
    models = (ContentType.objects.get_for_id(type_id).model_class() for type_id in set(type_ids))
    return any(model is not None and is_site_wide_model(model) for model in models)


def decide_media(obj):
    """An image or a document edited or deleted. A new image file, focal point, title or alt
    text changes the HTML of the pages showing the image (and replaced renditions leave their
    old URLs dead); a document's new file changes its URL (Wagtail's document view answers
    only the current file name, so a page keeping the old link would lead to a 404). Cached
    fragments show both too (author photos, document links in article bodies)."""
    pages, elsewhere = pages_showing(obj)
    purge = Purge(whole_site=elsewhere, fragment_versions=set(FragmentVersion.all()))
    for page in pages:
        purge |= decide_page(page)
    return purge


# Events, called by the signal receivers: keep the reference index current, decide, send.

_live_versions = InstanceState()


def index_references_now(instance):
    """Bring Wagtail's reference index up to date for this object at once.

    Wagtail updates it in a background task, so an image edited moments after a publish
    would find no page showing it, and a stale page would stay cached. (The task still runs;
    doing the same work twice is harmless.)
    """
    if ReferenceIndex.is_indexed(type(instance)):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(instance)


def page_will_save(page, update_fields=None):
    """Before a full save (a publish), note what the live version shows, for `decide_page`:
    whether it was in the menu, and the paths it named. Draft saves name their fields."""
    if page.pk is None or update_fields is not None:
        return
    live = type(page).objects.filter(pk=page.pk, live=True).first()
    if live is not None:
        _live_versions.set(
            page, LiveVersion(live.show_in_menus, tuple(dependent_paths(live)), was_live=True)
        )


def page_published(page):
    index_references_now(page)
    send(decide_page(page, _live_versions.pop(page)))


def page_unpublished(page):
    send(decide_page_unpublished(page, _live_versions.pop(page)))


def page_moved(page):
    send(decide_page_moved(page))


def page_saved(page, update_fields=None):
    send(decide_page_saved(page, update_fields))


def page_deleted(page):
    send(decide_page_deleted(page))


def media_changed(obj):
    send(decide_media(obj))


def model_saved(instance, created=False):
    if is_site_wide_model(type(instance)):
        index_references_now(instance)
    send(decide_model(instance, created))


def model_deleted(instance):
    send(decide_model(instance))


def send(purge):
    """Bump the fragment versions now (for this transaction's own reads) and again after the
    commit (so a render that read the old rows meanwhile cannot leave them cached under the
    new version), and hand the URLs to the sinks after the commit."""
    if not (purge.urls or purge.whole_site or purge.languages or purge.fragment_versions):
        return
    for version in purge.fragment_versions:
        version.bump()

    def after_commit():
        for version in purge.fragment_versions:
            version.bump()
        if purge.urls or purge.whole_site or purge.languages:
            sinks.deliver(purge)

    transaction.on_commit(after_commit)
