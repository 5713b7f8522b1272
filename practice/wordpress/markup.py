"""WordPress's markup as clean HTML: Gutenberg block comments, shortcodes (captions,
galleries, embeds, Divi's [et_pb_*] page builder), Elementor's JSON and wpautop's paragraphs,
then nh3's sanitizer. What cannot be mapped is left out and named in `Converted.unmapped`."""

import dataclasses
import html
import json
import re

import nh3

# Gutenberg blocks whose saved HTML is the content itself; any other block is left out.
CONTENT_BLOCKS = {
    "paragraph", "heading", "list", "list-item", "quote", "pullquote", "image", "gallery",
    "separator", "spacer", "group", "columns", "column", "freeform", "html", "preformatted",
    "verse", "media-text", "cover", "table", "buttons", "button", "more", "nextpage",
    "shortcode", "file", "code", "details", "footnotes",
}  # fmt: skip
EMBED_BLOCKS = {"embed", "video", "audio"}
# Divi modules that are layout or decoration: their inner text is kept, they add nothing.
DIVI_DECORATION = {"et_pb_divider", "et_pb_space", "et_pb_fullwidth_code"}
# Shortcodes whose content is a video or audio file: a link to it.
EMBED_SHORTCODES = {"embed", "video", "audio", "youtube", "vimeo", "et_pb_video"}
KNOWN_SHORTCODES = EMBED_SHORTCODES | {"caption", "gallery", "playlist", "contact"}

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "cite",
    "a", "b", "strong", "i", "em", "u", "span", "div", "section", "figure", "figcaption",
    "img", "table", "thead", "tbody", "tr", "th", "td", "hr", "pre", "code", "sub", "sup",
    "footer",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "data-attachment-id"}}

BLOCK_TAGS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|"
    r"form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|"
    r"article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)

GUTENBERG = re.compile(
    r"<!--\s+(?P<close>/)?wp:(?P<name>[a-z0-9-]+(?:/[a-z0-9-]+)?)"
    r"(?:\s+(?P<attrs>\{.*?\}))?\s+(?P<selfclose>/)?-->",
    re.DOTALL,
)
SHORTCODE = re.compile(r"\[(?P<close>/)?(?P<name>[A-Za-z][\w-]*)(?P<attrs>[^\[\]]*?)(?P<self>/)?\]")
ATTRIBUTE = re.compile(
    r'([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*\'([^\']*)\'|([\w-]+)\s*=\s*([^\s\'"]+)|"([^"]*)"|(\S+)'
)
VIDEO_URL = re.compile(
    r"^\s*(https?://(?:www\.)?(?:youtube\.com|youtu\.be|vimeo\.com)/\S+)\s*$", re.MULTILINE
)


@dataclasses.dataclass
class Converted:
    html: str
    unmapped: list


def link_paragraph(url, text=None):
    url = html.escape(url.strip(), quote=True)
    return f'\n\n<p><a href="{url}">{html.escape(text) if text else url}</a></p>\n\n'


def shortcode_attributes(text):
    """WordPress's shortcode_parse_atts: name="value", name='value', name=value, bare values."""
    found = {}
    for match in ATTRIBUTE.finditer(html.unescape(text or "")):
        if match.group(1):
            found[match.group(1).lower()] = match.group(2)
        elif match.group(3):
            found[match.group(3).lower()] = match.group(4)
        elif match.group(5):
            found[match.group(5).lower()] = match.group(6)
        else:
            found.setdefault("0", match.group(7) or match.group(8))
    return found


def _gutenberg(text, unmapped):
    """Keep the HTML of content blocks, turn embeds into links, drop every other block."""
    out, position = [], 0
    for match in GUTENBERG.finditer(text):
        if match.start() < position:  # inside a block already dropped
            continue
        name = match.group("name").removeprefix("core/")
        out.append(text[position : match.start()])
        position = match.end()
        if match.group("close"):
            continue
        try:
            attrs = json.loads(match.group("attrs") or "{}")
        except ValueError:
            attrs = {}
        name = "embed" if name.startswith("core-embed/") else name
        known = name in CONTENT_BLOCKS or name in EMBED_BLOCKS
        if not known:
            unmapped.append(f"block {match.group('name')}")
        if known and name not in EMBED_BLOCKS:
            continue
        # An embed or unknown block: skip to its closing comment, keeping only an embed's URL.
        if not match.group("selfclose"):
            closer = re.compile(r"<!--\s+/wp:" + re.escape(match.group("name")) + r"\s+-->")
            end = closer.search(text, match.end())
            inner = text[match.end() : end.start()] if end else ""
            position = end.end() if end else len(text)
        else:
            inner = ""
        if name in EMBED_BLOCKS:
            url = attrs.get("url") or attrs.get("src") or _first_url(inner)
            if url:
                out.append(link_paragraph(url))
    out.append(text[position:])
    return "".join(out)


def _first_url(text):
    match = re.search(r"https?://[^\s\"'<>\]]+", text or "")
    return match.group(0) if match else ""


class Shortcodes:
    """Expands the shortcodes WordPress and Divi write into plain HTML."""

    def __init__(self, attachments, unmapped):
        self.attachments = attachments  # attachment id -> upload URL
        self.unmapped = unmapped

    def expand(self, text):
        out, position = [], 0
        while True:
            match = SHORTCODE.search(text, position)
            if match is None:
                out.append(text[position:])
                return "".join(out)
            out.append(text[position : match.start()])
            position = match.end()
            if match.group("close"):
                continue  # a stray closing tag
            name = match.group("name")
            inner = None
            closer = re.search(r"\[/" + re.escape(name) + r"\]", text[position:])
            if not match.group("self"):
                opener = re.search(r"\[" + re.escape(name) + r"[\s\]]", text[position:])
                if closer and (opener is None or opener.start() > closer.start()):
                    inner = text[position : position + closer.start()]
            if not (
                inner is not None
                or match.group("attrs").strip()
                or re.search(r"[_-]", name)
                or name.lower() in KNOWN_SHORTCODES
            ):
                # "[sic]", "[1]": bracketed words, not shortcodes (they take no attributes)
                out.append(match.group(0))
                continue
            if inner is not None:
                position += closer.end()
            out.append(self.one(name, shortcode_attributes(match.group("attrs")), inner))

    def one(self, name, attrs, inner):
        name_lower = name.lower()
        if name_lower == "caption":
            return self.caption(attrs, inner or "")
        if name_lower == "gallery":
            return self.gallery(attrs)
        if name_lower in EMBED_SHORTCODES:
            url = attrs.get("src") or attrs.get("url") or attrs.get("0") or _first_url(inner)
            url = url or next((v for k, v in attrs.items() if k in ("mp4", "webm")), "")
            return link_paragraph(url) if url.startswith(("http://", "https://")) else ""
        if name_lower.startswith("et_pb_"):
            return self.divi(name_lower, attrs, inner)
        self.unmapped.append(f"shortcode [{name}]")
        return ""

    def caption(self, attrs, inner):
        inner = self.expand(inner)
        image = re.search(r"<img\b[^>]*>", inner)
        text = attrs.get("caption") or re.sub(r"<img\b[^>]*>|</?a\b[^>]*>", "", inner).strip()
        if image is None:
            return f"\n\n<p>{text}</p>\n\n" if text else ""
        return f"\n\n<figure>{image.group(0)}<figcaption>{text}</figcaption></figure>\n\n"

    def gallery(self, attrs):
        figures = []
        for raw in (attrs.get("ids") or attrs.get("include") or "").split(","):
            attachment_id = raw.strip()
            if attachment_id.isdigit():
                url = html.escape(self.attachments.get(int(attachment_id), ""), quote=True)
                figures.append(
                    f'<figure><img src="{url}" data-attachment-id="{attachment_id}"></figure>'
                )
        if not figures:
            self.unmapped.append("shortcode [gallery] without ids")
        return "\n\n" + "\n\n".join(figures) + "\n\n"

    def divi(self, name, attrs, inner):
        """Divi's modules wrap the real text: keep it, their titles, images and buttons."""
        parts = []
        title = attrs.get("title") or attrs.get("heading")
        if title and name not in ("et_pb_section", "et_pb_row", "et_pb_column"):
            parts.append(f"\n\n<h3>{html.escape(title)}</h3>\n\n")
        if name in ("et_pb_image", "et_pb_fullwidth_image") and attrs.get("src"):
            src = html.escape(attrs["src"], quote=True)
            alt = html.escape(attrs.get("alt", ""), quote=True)
            parts.append(f'\n\n<figure><img src="{src}" alt="{alt}"></figure>\n\n')
        elif attrs.get("image") or attrs.get("image_url"):
            src = html.escape(attrs.get("image") or attrs["image_url"], quote=True)
            alt = html.escape(attrs.get("alt", ""), quote=True)
            parts.append(f'\n\n<figure><img src="{src}" alt="{alt}"></figure>\n\n')
        if inner:
            parts.append(self.expand(inner))
        url = attrs.get("button_url") or attrs.get("url")
        label = attrs.get("button_text")
        if url and label:
            parts.append(link_paragraph(url, label))
        recognised = inner is not None or parts or name in DIVI_DECORATION
        if not recognised:
            self.unmapped.append(f"shortcode [{name}]")
        return "".join(parts)


def elementor_html(data, unmapped):
    """Elementor's `_elementor_data` (a JSON tree of sections, columns and widgets) as HTML:
    headings, text, images and buttons; other widgets are named in `unmapped`."""
    try:
        elements = json.loads(data)
    except ValueError:
        unmapped.append("elementor data that is not JSON")
        return ""
    parts = []

    def walk(nodes):
        for node in nodes if isinstance(nodes, list) else []:
            if not isinstance(node, dict):
                continue
            settings = node.get("settings") or {}
            widget = node.get("widgetType")
            if widget == "heading":
                level = settings.get("header_size") or "h2"
                level = level if re.fullmatch(r"h[1-6]", level) else "h2"
                parts.append(f"<{level}>{html.escape(settings.get('title', ''))}</{level}>")
            elif widget == "text-editor":
                parts.append(wpautop(settings.get("editor", "")))
            elif widget == "image":
                image = settings.get("image") or {}
                src = html.escape(image.get("url", ""), quote=True)
                figure = f'<figure><img src="{src}" data-attachment-id="{image.get("id", "")}">'
                caption = settings.get("caption")
                if caption:
                    figure += f"<figcaption>{html.escape(caption)}</figcaption>"
                parts.append(figure + "</figure>")
            elif widget == "video":
                url = settings.get("youtube_url") or settings.get("vimeo_url") or ""
                parts.append(link_paragraph(url) if url else "")
            elif widget == "button":
                link = (settings.get("link") or {}).get("url")
                if link:
                    parts.append(link_paragraph(link, settings.get("text") or link))
            elif widget in ("spacer", "divider"):
                pass
            elif widget:
                unmapped.append(f"elementor widget {widget}")
            walk(node.get("elements"))

    walk(elements)
    return "\n\n".join(parts)


def wpautop(text):
    """WordPress's wpautop: blank lines separate paragraphs, single newlines are line breaks,
    block-level elements are left unwrapped."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + BLOCK_TAGS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + BLOCK_TAGS + r">)", r"\1\n\n", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    chunks = [chunk.strip() for chunk in text.split("\n\n") if chunk.strip()]
    text = "".join(f"<p>{chunk}</p>\n" for chunk in chunks)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>\s*(</?" + BLOCK_TAGS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<blockquote[^>]*>)", r"\1<p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + BLOCK_TAGS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + BLOCK_TAGS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"(?<!<br>)\s*\n(?!\s*</?(?:p|" + BLOCK_TAGS[3:] + r")", "<br>\n", text)
    text = re.sub(r"(</?" + BLOCK_TAGS + r"[^>]*>)\s*<br>", r"\1", text)
    text = re.sub(r"<br>(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    return re.sub(r"<p>\s*</p>", "", text)


def sanitise(text):
    """Only the tags and attributes a body can use: no scripts or styles (with their content),
    no event handlers, inline styles or classes, no javascript: or data: links."""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )


def convert(item, attachments):
    """The item's body as clean HTML, with what could not be mapped."""
    unmapped = []
    elementor = item.meta.get("_elementor_data")
    if elementor and item.meta.get("_elementor_edit_mode") == "builder":
        text = elementor_html(elementor, unmapped)
    else:
        text = item.content
        has_blocks = "<!-- wp:" in text
        if has_blocks:
            text = _gutenberg(text, unmapped)
        text = VIDEO_URL.sub(lambda m: link_paragraph(m.group(1)), text)  # oEmbed lines
        text = Shortcodes(attachments, unmapped).expand(text)
        if not has_blocks:
            text = wpautop(text)
    return Converted(sanitise(text), sorted(set(unmapped)))
