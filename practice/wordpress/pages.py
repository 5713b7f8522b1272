"""Writing a WordPress post or page as a Wagtail page: its fields, status (live with its
original date, scheduled, draft, password-protected) and a revision only when something
changed (the digest of what it writes is kept in ImportedItem)."""

import dataclasses
import hashlib
import json
import re
from urllib.parse import unquote

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction

from blog.models import BlogCategory, BlogPage, BlogPageAuthor
from core import seo
from practice.wordpress.models import ImportedItem

PUBLIC_STATUSES = {"publish", "future"}
SKIPPED_STATUSES = {
    "trash": "in the trash",
    "auto-draft": "an auto-draft WordPress never saved",
    "inherit": "a revision or autosave",
}
LEDE_MAX = 400
INTRO_MAX = 500


@dataclasses.dataclass
class PageData:
    """Everything the import writes on one page (its digest says whether it changed)."""

    model: type
    fields: dict
    status: str
    password: str = ""
    authors: list = dataclasses.field(default_factory=list)  # Author pks, in order
    categories: list = dataclasses.field(default_factory=list)  # BlogCategory pks
    tags: list = dataclasses.field(default_factory=list)  # tag names

    @property
    def digest(self):
        data = {
            "model": self.model.__name__,
            "fields": self.fields,
            "status": self.status,
            "password": self.password,
            "authors": self.authors,
            "categories": sorted(self.categories),
            "tags": sorted(self.tags),
        }
        encoded = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()

    @property
    def goes_live(self):
        return self.status in PUBLIC_STATUSES


def page_slug(item):
    """The post's own slug (percent-decoded: Greek and Spanish slugs stay as they were)."""
    slug = slugify(unquote(item.slug), allow_unicode=True) if item.slug else ""
    return slug or slugify(item.title, allow_unicode=True)[:80] or f"wordpress-{item.id}"


def yoast_title(template, item, site_title):
    """Yoast's title with its variables expanded; the site name Yoast appended is left to the
    site's own title suffix (base.html adds " | <practice name>")."""
    if not template:
        return ""
    template = re.sub(r"\s*(%%sep%%\s*)?%%sitename%%\s*$", "", template)
    values = {"title": item.title, "sep": "–", "sitename": site_title, "page": ""}
    text = re.sub(r"%%(\w+)%%", lambda m: values.get(m.group(1), ""), template)
    text = " ".join(text.split()).strip(" –-|")
    return "" if text == item.title else text[:255]


def seo_fields(item, site_title):
    meta = item.meta
    return {
        "seo_title": yoast_title(meta.get("_yoast_wpseo_title", ""), item, site_title),
        "search_description": seo.summary(
            meta.get("_yoast_wpseo_metadesc") or item.excerpt, seo.DESCRIPTION_LENGTH
        ),
        "seo_noindex": meta.get("_yoast_wpseo_meta-robots-noindex") == "1",
        "seo_canonical": meta.get("_yoast_wpseo_canonical", "").strip()[:500],
    }


def status_of(item):
    """publish, future or draft: pending review and private posts are drafts (never public);
    a password is kept apart (PageData.password)."""
    return item.status if item.status in PUBLIC_STATUSES else "draft"


def find_page(item_id):
    record = ImportedItem.objects.filter(kind=ImportedItem.Kind.PAGE, key=str(item_id)).first()
    if record is None:
        return None, None
    page = Page.objects.filter(pk=record.object_id).first()
    return record, page.specific if page else None


def free_slug(parent, slug, page=None):
    siblings = parent.get_children().exclude(pk=page.pk if page else None)
    if not siblings.filter(slug=slug).exists():
        return slug
    return f"{slug}-{2 if not siblings.filter(slug=f'{slug}-2').exists() else 'wp'}"


def assign(page, data):
    for name, value in data.fields.items():
        setattr(page, name, value)
    if isinstance(page, BlogPage):
        page.article_authors = [BlogPageAuthor(author_id=pk) for pk in data.authors]
        page.categories = list(BlogCategory.objects.filter(pk__in=data.categories))
        page.tags.set(data.tags)


def restrict(page, data):
    """A password post keeps its password (Wagtail's own password form); others have none."""
    restrictions = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.PASSWORD
    )
    if data.password:
        restriction = restrictions.first() or PageViewRestriction(
            page=page, restriction_type=PageViewRestriction.PASSWORD
        )
        restriction.password = data.password
        restriction.save()
    else:
        restrictions.delete()


@transaction.atomic
def write(item_id, data, parent, first_published_at, amend=False):
    """Create or update the page for a WordPress item; returns (page, outcome).

    `amend` rewrites the page's latest revision in place (the same run's second look at an
    item whose links pointed at pages not yet made), so it adds no revision."""
    record, page = find_page(item_id)
    if page is not None and record.digest == data.digest:
        return page, "unchanged"
    if page is not None and not isinstance(page, data.model):
        page = None  # a page of another type (staff replaced it): make a new one
    created = page is None
    if created:
        page = data.model(live=False, first_published_at=first_published_at)
        assign(page, data)
        page.slug = free_slug(parent, page.slug)
        parent.add_child(instance=page)
    else:
        slug_wanted = data.fields["slug"]
        assign(page, data)
        page.slug = free_slug(page.get_parent(), slug_wanted, page)
    restrict(page, data)
    if amend and not created:
        page.save()
        revision = page.latest_revision
        if revision is not None:
            revision.content = page.serializable_data()
            revision.save(update_fields=["content"])
    else:
        revision = page.save_revision(clean=True)
        if data.goes_live:
            revision.publish(skip_permission_checks=True)
        elif page.live:
            page.unpublish()
    ImportedItem.objects.update_or_create(
        kind=ImportedItem.Kind.PAGE,
        key=str(item_id),
        defaults={"object_id": page.pk, "digest": data.digest},
    )
    page.refresh_from_db()
    return page, "created" if created else "updated"
