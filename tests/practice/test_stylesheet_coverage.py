"""Every class a public template names has a rule in static/css/site.css, so a new page
cannot ship unstyled. Staff screens (admin/), emails and the style guide are Wagtail's
admin's or mail clients' business and are left out."""

import re

from practice.settings.base import BASE_DIR

TEMPLATES = BASE_DIR / "templates"
STYLESHEET = BASE_DIR / "static" / "css" / "site.css"
# Folders of templates that never render on the public site.
NOT_PUBLIC = {"admin", "emails"}
# Classes that only scripts read (never for looks), each with the reason it has no rule.
# None today: static/js/site.js finds what it enhances by id. Add a hook here, not a rule.
SCRIPT_HOOKS: dict[str, str] = {}

CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def public_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if NOT_PUBLIC.isdisjoint(path.relative_to(TEMPLATES).parts):
            yield path


def template_classes(text):
    """The literal class names in a template's class attributes. Template code inside an
    attribute (`{% if %}chip--active{% endif %}`) is read as text around it: the words in
    its branches count, the tags do not."""
    found = set()
    for value in CLASS_ATTRIBUTE.findall(text):
        words = re.sub(r"\{%.*?%\}", " ", value)
        words = re.sub(r"\{\{.*?\}\}", " ", words)
        found.update(word for word in words.split() if re.fullmatch(r"[a-zA-Z][\w-]*", word))
    return found


def stylesheet_classes(css):
    css = CSS_COMMENT.sub("", css)
    # Declarations hold values such as `0.5rem` or file names: only selectors name classes.
    selectors = re.sub(r"\{[^{}]*\}", "{}", css)
    return set(CSS_CLASS.findall(selectors))


def test_the_reader_finds_classes_in_template_code_and_css_selectors():
    text = '<a class="chip {% if x %}chip--active{% endif %} {{ extra }}">'
    assert template_classes(text) == {"chip", "chip--active"}
    assert stylesheet_classes(".a, .b:hover > .c { margin: 0.5rem; } /* .d */") == {"a", "b", "c"}


def test_every_class_in_a_public_template_has_a_rule_in_the_stylesheet():
    styled = stylesheet_classes(STYLESHEET.read_text())
    missing = {}
    for path in public_templates():
        for name in template_classes(path.read_text()) - styled - SCRIPT_HOOKS.keys():
            missing.setdefault(name, []).append(str(path.relative_to(TEMPLATES)))
    assert not missing, "classes without a rule in site.css:\n" + "\n".join(
        f"  .{name}: {', '.join(paths)}" for name, paths in sorted(missing.items())
    )


def test_the_script_hooks_list_names_only_classes_templates_use():
    used = set().union(*(template_classes(p.read_text()) for p in public_templates()))
    assert SCRIPT_HOOKS.keys() <= used
