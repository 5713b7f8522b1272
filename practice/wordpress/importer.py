"""The import's passes over the export (each a fresh stream of the file), after one that
only checks the whole file reads:

1. scan: authors, categories and tags are written; uploads and an index of every post and
   page (id, type, status, addresses) are kept, small enough for any export;
2. import: each post and page becomes its page, with its redirects; a page whose parent has
   not come yet waits for it;
3. relink: items whose links named a page made later in pass 2 are converted again, their
   new revision rewritten in place.
Then the category, tag, author and feed archives get their redirects."""

import dataclasses
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Site

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from core import seo
from people.models import Author
from practice.models import ContentPage
from practice.wordpress import blocks, markup, media, pages, redirects, wxr
from practice.wordpress.models import ImportedItem
from practice.wordpress.report import Report

IMPORTED_TYPES = {"post": "article", "page": "page"}
LINKABLE = {"publish", "future"}


class DryRunRollback(Exception):
    """Raised inside the import's transaction to undo a dry run."""


@dataclasses.dataclass
class Entry:
    """What pass 1 keeps of a post or page."""

    post_type: str
    status: str
    password: bool
    parent_id: int


def ascii_slug(*candidates, fallback):
    """A slug the blog's listings route (<slug:...> is ASCII only)."""
    for candidate in candidates:
        slug = slugify(media.unquote(candidate or ""))[:50].strip("-")
        if slug:
            return slug
    return fallback


class Resolver:
    """Links and images of one item's body, for practice.wordpress.blocks."""

    def __init__(self, importer, item):
        self.importer = importer
        self.label = f"{item.post_type} {item.id}"
        self.item_id = item.id

    def image(self, src, attachment_id=""):
        return self.importer.media.image(src, attachment_id, used_by=self.label)

    def link(self, href):
        importer = self.importer
        parts = urlsplit(href)
        if parts.scheme not in ("", "http", "https"):
            return "url", href
        if parts.netloc and parts.netloc.lower() not in importer.old_hosts:
            return "url", href
        if not parts.netloc and not parts.path.startswith("/"):
            return "url", href
        upload = media.upload_path(href)
        if upload:
            made = importer.media.file(importer.media.original(upload), used_by=self.label)
            if made is None:
                return "text", None  # the old file is gone with the old host
            found, kind = made
            if kind == ImportedItem.Kind.DOCUMENT:
                return "document", found.pk
            return "url", found.file.url
        target = importer.item_for(parts)
        if target is None:
            return "url", href
        entry = importer.index[target]
        if entry.status not in LINKABLE or entry.password:
            return "text", None  # a private, draft or password page: no link to it
        if target in importer.page_ids:
            return "page", importer.page_ids[target]
        importer.relink.add(self.item_id)
        return "url", href


class Importer:
    def __init__(self, export, media_folder=None, report=None, progress=None):
        self.export = export
        self.report = report or Report(export=str(export))
        self.progress = progress or (lambda done, total: None)
        self.site_info = wxr.Site()
        self.old_hosts = set()
        self.authors = {}  # login -> Author pk
        self.terms = {"category": {}, "tag": {}}  # WordPress slug -> Term
        self.categories = {}  # WordPress slug -> BlogCategory
        self.tags = {}  # WordPress slug -> tag name
        self.attachments = {}
        self.index = {}  # post id -> Entry
        self.paths = {}  # normalised old path -> post id
        self.page_ids = {}  # post id -> page pk
        self.relink = set()
        self.media = None
        self.media_folder = media_folder
        self.done = 0

    # Entry point
    def run(self, dry_run=False):
        self.report.dry_run = dry_run
        for _ in wxr.read(self.export):  # the whole file reads, before any change is made
            pass
        try:
            with transaction.atomic():
                self.passes()
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        finally:
            if dry_run and self.media is not None:
                for name in self.media.created_files:
                    default_storage.delete(name)
        return self.report

    def passes(self):
        locale = Locale.get_default()
        self.blog = BlogIndexPage.objects.filter(locale=locale).first()
        site = Site.objects.filter(is_default_site=True).first()
        if self.blog is None or site is None:
            raise wxr.ExportError("the site has no blog index to import articles into")
        self.home = site.root_page.specific
        pages_made = ImportedItem.objects.filter(kind=ImportedItem.Kind.PAGE)
        self.page_ids = {int(key): pk for key, pk in pages_made.values_list("key", "object_id")}
        self.redirects = redirects.Redirects(site, self.report)
        self.scan(locale)
        self.media = media.Media(self.media_folder, self.report, self.attachments)
        self.import_items()
        if self.relink:
            for item in self.items(lambda i: i.id in self.relink and i.id in self.page_ids):
                self.import_item(item, amend=True)
        self.archive_redirects()

    def items(self, wanted):
        for record in wxr.read(self.export):
            if isinstance(record, wxr.Item) and wanted(record):
                yield record

    # Pass 1
    def scan(self, locale):
        for record in wxr.read(self.export):
            if isinstance(record, wxr.Site):
                self.site_info = record
                for url in (record.link, *record.base_urls):
                    if urlsplit(url).netloc:
                        self.old_hosts.add(urlsplit(url).netloc.lower())
            elif isinstance(record, wxr.Author):
                self.author(record, locale)
            elif isinstance(record, wxr.Term):
                self.terms[record.kind][record.slug] = record
            elif isinstance(record, wxr.Item):
                self.index_item(record)
        for term in self.terms["category"].values():
            self.category(term, locale)
        for term in self.terms["tag"].values():
            self.tag(term.slug, term.name)

    def index_item(self, item):
        if item.post_type == "attachment":
            path = item.meta.get("_wp_attached_file") or media.upload_path(item.attachment_url)
            self.attachments[item.id] = media.Attachment(
                url=item.attachment_url,
                path=path,
                title=item.title,
                alt=item.meta.get("_wp_attachment_image_alt", "").strip(),
                caption=strip_tags(item.excerpt).strip(),
            )
            return
        if item.post_type not in IMPORTED_TYPES:
            return
        self.report.comments += item.comments
        self.index[item.id] = Entry(
            item.post_type, item.status, bool(item.password), item.parent_id
        )
        for path in redirects.item_paths(item):
            self.paths.setdefault(path, item.id)

    def item_for(self, parts):
        """The post or page id an address of the old site names, or None."""
        query = parse_qs(parts.query)
        for name in ("p", "page_id"):
            value = query.get(name, [""])[0]
            if value.isdigit() and int(value) in self.index:
                return int(value)
        if not parts.path or parts.path == "/":
            return None
        return self.paths.get(Redirect.normalise_path(parts.path))

    def remember(self, kind, key, obj, digest=""):
        ImportedItem.objects.update_or_create(
            kind=kind, key=key, defaults={"object_id": obj.pk, "digest": digest}
        )

    def author(self, record, locale):
        if not record.login:
            return
        name = record.display_name or record.login
        known = ImportedItem.objects.filter(kind=ImportedItem.Kind.AUTHOR, key=record.login).first()
        found = Author.objects.filter(pk=known.object_id).first() if known else None
        outcome = "unchanged"
        if found is None:
            slug = ascii_slug(record.login, name, fallback=f"author-{len(self.authors) + 1}")
            found = Author.objects.filter(locale=locale).filter(name=name).first()
            found = found or Author.objects.filter(locale=locale, slug=slug).first()
            outcome = "unchanged" if found else "created"
            if found is None:
                found = Author.objects.create(name=name[:120], slug=slug, locale=locale)
        elif known.digest != name and found.name == known.digest:
            found.name = name[:120]  # renamed on the old site, not here since
            found.save()
            outcome = "updated"
        self.remember(ImportedItem.Kind.AUTHOR, record.login, found, name)
        self.authors[record.login] = found.pk
        self.report.count("author", outcome)

    def category(self, term, locale):
        known = ImportedItem.objects.filter(kind=ImportedItem.Kind.CATEGORY, key=term.slug).first()
        found = BlogCategory.objects.filter(pk=known.object_id).first() if known else None
        outcome = "unchanged"
        if found is None:
            slug = ascii_slug(term.slug, term.name, fallback=f"category-{term.id}")
            here = BlogCategory.objects.filter(locale=locale)
            found = here.filter(slug=slug).first() or here.filter(name=term.name).first()
            if found is None:
                found = BlogCategory.objects.create(
                    name=term.name[:80],
                    slug=slug,
                    description=term.description[:400],
                    locale=locale,
                )
                outcome = "created"
        self.remember(ImportedItem.Kind.CATEGORY, term.slug, found)
        self.categories[term.slug] = found
        self.report.count("category", outcome)

    def tag(self, wp_slug, name):
        if wp_slug in self.tags or not name:
            return
        slug = ascii_slug(wp_slug, name, fallback=f"tag-{Tag.objects.count() + 1}")
        found = Tag.objects.filter(name=name).first() or Tag.objects.filter(slug=slug).first()
        outcome = "unchanged" if found else "created"
        if found is None:
            if Tag.objects.filter(slug=slug).exists():
                slug = f"{slug}-{Tag.objects.count() + 1}"
            found = Tag.objects.create(name=name[:100], slug=slug)
        self.remember(ImportedItem.Kind.TAG, wp_slug, found)
        self.tags[wp_slug] = found.name
        self.report.count("tag", outcome)

    # Pass 2
    def import_items(self):
        waiting = []
        total = len(self.index)
        for item in self.items(lambda item: item.post_type in IMPORTED_TYPES):
            if item.post_type == "page" and self.parent_pending(item):
                waiting.append(item)
                continue
            self.import_item(item)
        while waiting:
            ready = [item for item in waiting if not self.parent_pending(item)]
            if not ready:  # a loop of parents: put the rest at the top
                ready = waiting
            for item in ready:
                self.import_item(item)
            waiting = [item for item in waiting if item not in ready]
        self.progress(self.done, total)

    def parent_pending(self, item):
        parent = self.index.get(item.parent_id)
        return bool(
            parent
            and parent.post_type == "page"
            and parent.status not in pages.SKIPPED_STATUSES
            and item.parent_id not in self.page_ids
        )

    def import_item(self, item, amend=False):
        kind = IMPORTED_TYPES[item.post_type]
        label = f"{item.post_type} {item.id}"
        if not amend:
            self.done += 1
            if self.done % 50 == 0:
                self.progress(self.done, len(self.index))
        if item.status in pages.SKIPPED_STATUSES:
            self.report.skip(kind, item.id, item.title, pages.SKIPPED_STATUSES[item.status])
            return
        try:
            data, parent = self.page_data(item)
            page, outcome = pages.write(
                item.id, data, parent, item.date if item.status == "publish" else None, amend
            )
        except (ValidationError, ValueError, DatabaseError, OSError) as error:
            message = "; ".join(getattr(error, "messages", None) or [str(error)])
            self.report.error(f"{label} {item.title!r}", message)
            return
        self.page_ids[item.id] = page.pk
        if amend:  # counted, and its redirects written, in pass 2
            return
        self.report.count(kind, outcome)
        if page.live:
            self.redirects.point(redirects.item_paths(item), page)
        else:
            self.redirects.remove(page)

    def page_data(self, item):
        converted = markup.convert(item, {i: a.url for i, a in self.attachments.items()})
        resolver = Resolver(self, item)
        body = blocks.body_blocks(converted.html, resolver, seed=f"wordpress-{item.id}")
        self.report.add_unmapped(f"{item.post_type} {item.id} {item.title!r}", converted.unmapped)
        text = seo.summary(item.excerpt or converted.html, pages.LEDE_MAX)
        fields = {
            "title": (item.title or f"Untitled {item.post_type} {item.id}")[:255],
            "slug": pages.page_slug(item),
            "go_live_at": item.date if item.status == "future" else None,
            **pages.seo_fields(item, self.site_info.title),
        }
        status = pages.status_of(item)
        password = item.password if item.password else ""
        if item.post_type == "page":
            fields.update(intro=seo.summary(item.excerpt, pages.INTRO_MAX), body=body)
            parent_pk = self.page_ids.get(item.parent_id)
            parent = ContentPage.objects.filter(pk=parent_pk).first() if parent_pk else None
            return pages.PageData(ContentPage, fields, status, password), parent or self.home
        hero = None
        thumbnail = item.meta.get("_thumbnail_id", "")
        if thumbnail:
            hero = resolver.image("", thumbnail)
        hero_image, hero_alt = hero if hero else (None, "")
        attachment = self.attachments.get(int(thumbnail)) if thumbnail.isdigit() else None
        fields.update(
            lede=text or fields["title"],
            date=timezone.localdate(item.date) if item.date else timezone.localdate(),
            body=body or [{"type": "paragraph", "value": f"<p>{text or fields['title']}</p>"}],
            hero_image=hero_image.pk if hero_image else None,
            hero_alt=(hero_alt or (hero_image.title if hero_image else ""))[:200],
            hero_caption=(attachment.caption if attachment and hero_image else "")[:250],
        )
        fields["hero_image_id"] = fields.pop("hero_image")
        for slug, name in item.tags:
            self.tag(slug, name)
        data = pages.PageData(
            BlogPage,
            fields,
            status,
            password,
            authors=[self.authors[item.creator]] if item.creator in self.authors else [],
            categories=[self.categories[s].pk for s, _ in item.categories if s in self.categories],
            tags=[self.tags[slug] for slug, _ in item.tags if slug in self.tags],
        )
        return data, self.blog

    # Archives
    def archive_redirects(self):
        if not self.blog.live:
            return
        paths = []
        for slug, category in self.categories.items():
            old = redirects.category_path(self.terms["category"].get(slug), self.terms["category"])
            paths.append((old, f"/category/{category.slug}/"))
            paths.append((old + "feed/", f"/category/{category.slug}/feed/rss/"))
        listed = set(
            Tag.objects.filter(blog_blogpagetag_items__content_object__in=self.blog.articles())
            .values_list("name", flat=True)
            .distinct()
        )
        paths += [
            (f"/tag/{slug}/", f"/tag/{Tag.objects.get(name=name).slug}/")
            for slug, name in self.tags.items()
            if name in listed
        ]
        slugs = dict(Author.objects.filter(pk__in=self.authors.values()).values_list("pk", "slug"))
        paths += [
            (redirects.author_path(login), f"/author/{slugs[pk]}/")
            for login, pk in self.authors.items()
        ]
        paths.append(("/feed/", "/feed/rss/"))
        for old, route in paths:
            self.redirects.point([old], self.blog, route=route)
