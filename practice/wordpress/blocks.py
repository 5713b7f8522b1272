"""Clean HTML (from practice.wordpress.markup) as StreamField data: headings, rich-text
paragraphs and lists, quotes and captioned images, with links resolved to pages, documents
and images by a `resolver` (practice.wordpress.importer.Resolver)."""

import html
import uuid

from bs4 import BeautifulSoup, NavigableString, Tag

CONTAINERS = {"div", "section", "footer", "table", "thead", "tbody", "tr", "td", "th", "span"}
INLINE = {"a", "b", "strong", "i", "em", "u", "span", "code", "sub", "sup", "br", "cite"}
HEADING_MAX = 120
CAPTION_MAX = 250
QUOTE_MAX = 500


class BodyBuilder:
    """Builds a body's block list. `resolver.link(href)` answers ("page", id),
    ("document", id) or ("url", href); `resolver.image(src, attachment_id)` an image or None."""

    def __init__(self, resolver, seed):
        self.resolver = resolver
        self.seed = seed
        self.blocks = []
        self.rich = []  # rich text waiting to become one paragraph block
        self.inline = []  # inline HTML waiting to become one <p>

    def build(self, clean_html):
        soup = BeautifulSoup(clean_html, "html.parser")
        for node in soup.contents:
            self.visit(node)
        self.flush_rich()
        return self.blocks

    # Output
    def add(self, kind, value):
        self.flush_rich()
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.seed}:{len(self.blocks)}"))
        self.blocks.append({"type": kind, "value": value, "id": block_id})

    def flush_inline(self):
        text = "".join(self.inline).strip()
        while text.endswith("<br/>"):
            text = text[: -len("<br/>")].rstrip()
        if text:
            self.rich.append(f"<p>{text}</p>")
        self.inline = []

    def flush_rich(self):
        self.flush_inline()
        if self.rich:
            rich, self.rich = "".join(self.rich), []
            self.add("paragraph", rich)

    # Input
    def visit(self, node):
        if isinstance(node, NavigableString):
            if node.strip() or self.inline:
                self.inline.append(html.escape(str(node)))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name == "img":
            self.image(node)
        elif name == "figure":
            self.figure(node)
        elif name in INLINE and not node.find(["img", "figure", *self.block_names()]):
            self.inline.append(self.inline_html(node))
        elif name == "p":
            self.flush_inline()
            for child in node.contents:
                self.visit(child)
            self.flush_inline()
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading(node)
        elif name in ("ul", "ol"):
            self.flush_inline()
            items = self.list_items(node)
            if items:
                self.rich.append(f"<{name}>{items}</{name}>")
        elif name == "blockquote":
            self.quote(node)
        elif name in ("hr", "br"):
            self.flush_inline()
        elif name == "pre":
            self.flush_inline()
            lines = html.escape(node.get_text()).strip().replace("\n", "<br/>")
            if lines:
                self.rich.append(f"<p>{lines}</p>")
        else:  # containers, and inline elements holding images or blocks
            for child in node.contents:
                self.visit(child)
            if name not in INLINE:
                self.flush_inline()

    @staticmethod
    def block_names():
        return ["p", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "div"]

    def inline_html(self, node):
        if isinstance(node, NavigableString):
            return html.escape(str(node))
        if not isinstance(node, Tag):
            return ""
        inner = "".join(self.inline_html(child) for child in node.contents)
        name = node.name
        if name == "br":
            return "<br/>"
        if name in ("b", "strong"):
            return f"<b>{inner}</b>" if inner.strip() else inner
        if name in ("i", "em", "cite"):
            return f"<i>{inner}</i>" if inner.strip() else inner
        if name == "a" and node.get("href") and inner.strip():
            kind, target = self.resolver.link(node["href"])
            if kind == "text":
                return inner
            if kind in ("page", "document"):
                return f'<a linktype="{kind}" id="{target}">{inner}</a>'
            return f'<a href="{html.escape(target, quote=True)}">{inner}</a>'
        return inner

    def list_items(self, node):
        items = []
        for li in node.find_all("li", recursive=False):
            nested = [sub.extract() for sub in li.find_all(["ul", "ol"], recursive=False)]
            text = "".join(self.inline_html(child) for child in li.contents).strip()
            if text:
                items.append(f"<li>{text}</li>")
            for sub in nested:  # Wagtail's rich text lists are one level deep
                items.append(self.list_items(sub))
        return "".join(items)

    def heading(self, node):
        text = " ".join(node.get_text().split())
        if not text:
            return
        if len(text) > HEADING_MAX:  # too long for a heading: keep it as a bold paragraph
            self.flush_inline()
            self.rich.append(f"<p><b>{html.escape(text)}</b></p>")
            return
        level = "h2" if node.name in ("h1", "h2") else "h3"
        self.add("heading", {"text": text, "level": level})
        for image in node.find_all("img"):
            self.image(image)

    def quote(self, node):
        cite = node.find(["cite", "footer"])
        attribution = " ".join(cite.get_text().split()) if cite else ""
        if cite:
            cite.extract()
        text = "\n\n".join(
            " ".join(part.get_text().split()) for part in node.find_all("p")
        ) or " ".join(node.get_text().split())
        if not text:
            return
        if len(text) > QUOTE_MAX or len(attribution) > HEADING_MAX:
            self.flush_inline()
            self.rich.append(f"<p>{html.escape(text)}</p>")
            return
        self.add("quote", {"quote": text, "attribution": attribution})

    def figure(self, node):
        caption = node.find("figcaption")
        caption_text = " ".join(caption.get_text().split()) if caption else ""
        images = node.find_all("img")
        for index, image in enumerate(images):
            self.image(image, caption_text if index == len(images) - 1 else "")
        if not images and caption_text:
            self.inline.append(html.escape(caption_text))
            self.flush_inline()

    def image(self, node, caption=""):
        found = self.resolver.image(node.get("src", ""), node.get("data-attachment-id", ""))
        if found is None:
            return
        image, default_alt = found
        alt = (node.get("alt") or default_alt or "").strip()
        value = {"image": {"image": image.pk, "alt_text": alt, "decorative": not alt}}
        value["caption"] = caption[:CAPTION_MAX]
        self.add("image", value)


def body_blocks(clean_html, resolver, seed):
    """The StreamField data (a list of {"type", "value", "id"}) for a body of clean HTML."""
    return BodyBuilder(resolver, seed).build(clean_html)
