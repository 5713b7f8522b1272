"""Rendering JSON-LD safely: data is built as Python dicts, never as strings in templates."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# The same escapes Django's json_script uses, so "</script>" in content cannot end the block.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def render_jsonld(data) -> str:
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def absolute(request, url):
    """Absolute URL for `url` (which may already be absolute)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request else url
