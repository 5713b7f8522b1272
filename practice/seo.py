"""Meta descriptions: the editor's search description, else a summary of the page's own text."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160


def summary(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Plain text of `text` (rich text allowed) on one line, cut at a word within `length`."""
    plain = " ".join(strip_tags(text or "").split())
    return Truncator(plain).chars(length)


def meta_description(page, *fallbacks: str) -> str:
    """The page's search description, or the first non-empty fallback, summarised."""
    for text in (page.search_description, *fallbacks):
        if text and summary(text):
            return summary(text)
    return ""
