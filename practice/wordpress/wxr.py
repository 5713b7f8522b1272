"""Reading a WordPress export (WXR 1.1 or 1.2) as a stream of plain records.

The file is parsed with defusedxml, which refuses entity declarations (the "billion laughs"
bomb) and external entities outright, and each <item> is freed once read, so memory stays
bounded however large the export."""

import dataclasses
import datetime
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from django.conf import settings


class ExportError(Exception):
    """The export cannot be read at all (the one failure that stops an import)."""


@dataclasses.dataclass
class Site:
    title: str = ""
    link: str = ""
    base_urls: tuple = ()


@dataclasses.dataclass
class Author:
    login: str
    display_name: str
    first_name: str = ""
    last_name: str = ""


@dataclasses.dataclass
class Term:
    kind: str  # "category" or "tag"
    id: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclasses.dataclass
class Item:
    id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    slug: str = ""
    parent_id: int = 0
    menu_order: int = 0
    date: datetime.datetime | None = None
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    password: str = ""
    attachment_url: str = ""
    categories: list = dataclasses.field(default_factory=list)  # (slug, name)
    tags: list = dataclasses.field(default_factory=list)
    meta: dict = dataclasses.field(default_factory=dict)
    comments: int = 0


def _name(tag):
    """'{namespace}local' as 'prefix:local', whichever spelling of a namespace the file uses
    (http:// or https://wordpress.org/export/1.1/ or 1.2/)."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if re.match(r"https?://wordpress\.org/export/1\.\d+/excerpt/?$", uri):
        return "excerpt:" + local
    if re.match(r"https?://wordpress\.org/export/1\.\d+/?$", uri):
        return "wp:" + local
    if uri.startswith(("http://purl.org/rss/1.0/modules/content", "https://purl.org/rss/1.0/")):
        return "content:" + local
    if "purl.org/dc/elements" in uri:
        return "dc:" + local
    return local


def _text(element):
    return (element.text or "").strip()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _date(gmt, local):
    """The item's time: its GMT field, else its local time read in the site's time zone."""
    for value, zone in ((gmt, datetime.UTC), (local, ZoneInfo(settings.TIME_ZONE))):
        if value and not value.startswith("0000"):
            try:
                naive = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            return naive.replace(tzinfo=zone)
    return None


def _author(element):
    fields = {_name(child.tag): _text(child) for child in element}
    login = fields.get("wp:author_login", "")
    return Author(
        login=login,
        display_name=fields.get("wp:author_display_name") or login,
        first_name=fields.get("wp:author_first_name", ""),
        last_name=fields.get("wp:author_last_name", ""),
    )


def _term(element, kind):
    fields = {_name(child.tag): _text(child) for child in element}
    if kind == "category":
        return Term(
            kind,
            fields.get("wp:term_id", ""),
            fields.get("wp:category_nicename", ""),
            fields.get("wp:cat_name", ""),
            parent_slug=fields.get("wp:category_parent", ""),
            description=fields.get("wp:category_description", ""),
        )
    return Term(
        kind,
        fields.get("wp:term_id", ""),
        fields.get("wp:tag_slug", ""),
        fields.get("wp:tag_name", ""),
        description=fields.get("wp:tag_description", ""),
    )


def _item(element):
    fields = {}
    item = Item(id=0, post_type="", status="")
    for child in element:
        name = _name(child.tag)
        if name == "category":
            pair = (child.get("nicename", ""), _text(child))
            if child.get("domain") == "category":
                item.categories.append(pair)
            elif child.get("domain") == "post_tag":
                item.tags.append(pair)
        elif name == "wp:postmeta":
            meta = {_name(m.tag): (m.text or "") for m in child}
            item.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            approved = {_name(m.tag): _text(m) for m in child}.get("wp:comment_approved")
            item.comments += approved == "1"
        else:
            fields[name] = child.text or ""
    item.id = _int(fields.get("wp:post_id"))
    item.post_type = fields.get("wp:post_type", "").strip()
    item.status = fields.get("wp:status", "").strip()
    item.title = fields.get("title", "").strip()
    item.link = fields.get("link", "").strip()
    item.guid = fields.get("guid", "").strip()
    item.slug = fields.get("wp:post_name", "").strip()
    item.parent_id = _int(fields.get("wp:post_parent"))
    item.menu_order = _int(fields.get("wp:menu_order"))
    item.date = _date(fields.get("wp:post_date_gmt", "").strip(), fields.get("wp:post_date", ""))
    item.creator = fields.get("dc:creator", "").strip()
    item.content = fields.get("content:encoded", "")
    item.excerpt = fields.get("excerpt:encoded", "").strip()
    item.password = fields.get("wp:post_password", "")
    item.attachment_url = fields.get("wp:attachment_url", "").strip()
    return item


def read(path) -> Iterator[object]:
    """Yield the export's Site, then its Authors, Terms and Items in file order.

    Raises ExportError (with a one-line message) when the file is missing, is not XML, is not
    a WordPress export, or declares entities."""
    site: Site | None = Site()
    depth = 0
    seen_wxr = False
    try:
        for event, element in iterparse(str(path), events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise ExportError("not a WordPress export: the root element is not <rss>")
                if depth == 2:
                    channel = element
                continue
            depth -= 1
            if depth != 2:  # channel children only; an item's children are read with it
                continue
            name = _name(element.tag)
            if name in ("item", "wp:author", "wp:category", "wp:tag"):
                if site is not None:  # the header is over: announce the site once
                    if not seen_wxr:
                        raise ExportError("not a WordPress export: it has no <wp:wxr_version>")
                    yield site
                    site = None
                if name == "item":
                    yield _item(element)
                elif name == "wp:author":
                    yield _author(element)
                else:
                    yield _term(element, name[3:])
            elif site is None:
                pass
            elif name == "wp:wxr_version":
                seen_wxr = True
            elif name == "title":
                site.title = _text(element)
            elif name == "link":
                site.link = _text(element)
            elif name in ("wp:base_site_url", "wp:base_blog_url"):
                site.base_urls += (_text(element),)
            element.clear()
            channel.remove(element)  # read and done with: memory stays flat
    except DefusedXmlException as error:
        raise ExportError(f"refused: the export declares XML entities ({error})") from None
    except ParseError as error:
        raise ExportError(f"the export is not well-formed XML: {error}") from None
    except OSError as error:
        raise ExportError(f"cannot read the export: {error.strerror or error}") from None
    if not seen_wxr:
        raise ExportError("not a WordPress export: it has no <wp:wxr_version>")
    if site is not None:  # an export with no items
        yield site
