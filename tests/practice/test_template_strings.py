"""Every string the templates mark for translation has a Spanish translation, so a new
{% translate %} cannot reach Spanish visitors in English unnoticed."""

import re
from pathlib import Path

import polib
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CATALOGUE = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"
# Staff-only screens stay in English (makemessages ignores them too, docs/i18n.md).
STAFF_ONLY = ("consultations/admin", "practice/admin")

TRANSLATE = re.compile(
    r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)"""
    r"""(?:\s+context\s+(?P<cq>["'])(?P<context>.*?)(?P=cq))?"""
)
BLOCK = re.compile(
    r"{%\s*(?:blocktranslate|blocktrans)(?P<args>[^%]*)%}(?P<body>.*?)"
    r"{%\s*(?:endblocktranslate|endblocktrans)\s*%}",
    re.S,
)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def template_strings():
    """(template, context, msgid) for every literal and simple blocktranslate body."""
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(STAFF_ONLY):
            continue
        text = path.read_text()
        for match in TRANSLATE.finditer(text):
            yield name, match["context"], match["msgid"]
        for match in BLOCK.finditer(text):
            body, args = match["body"], match["args"]
            if "{% plural" in body or "{%" in VARIABLE.sub("", body):
                continue  # not a simple body: its msgid is not worth reconstructing here
            if "trimmed" in args.split():
                body = " ".join(body.split())
            context = re.search(r"""context\s+["'](.*?)["']""", args)
            yield name, context and context[1], VARIABLE.sub(r"%(\1)s", body)


def test_the_scan_finds_both_kinds_of_string():
    found = {msgid for _name, _context, msgid in template_strings()}
    assert "Page not found" in found  # a {% translate %} literal
    assert "Book a consultation about %(procedure)s" in found  # a blocktranslate body


def test_every_template_string_has_a_spanish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    translated = {(entry.msgctxt, entry.msgid) for entry in catalogue.translated_entries()}
    missing = sorted(
        f"{name}: {msgid!r}" + (f" (context {context!r})" if context else "")
        for name, context, msgid in template_strings()
        if (context, msgid) not in translated
    )
    assert not missing, "missing from the Spanish catalogue:\n" + "\n".join(missing)
