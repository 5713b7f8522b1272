"""The staff style guide in the Wagtail admin: the design system on one page."""

from django.template.response import TemplateResponse

# The colour tokens of static/css/site.css, what each is for, and its contrast on white.
STYLE_GUIDE_COLOURS = [
    ("ink", "Text", "15.6:1"),
    ("muted", "Secondary text", "7.5:1"),
    ("accent", "Links, primary buttons", "8.6:1"),
    ("accent-dark", "Hover", "11.9:1"),
    ("focus", "Focus ring", "6.4:1"),
    ("error", "Errors", "7.9:1"),
    ("success", "Confirmations", "6.6:1"),
    ("tint", "Panels, chosen options", ""),
    ("line", "Borders", ""),
]


def style_guide(request):
    """The design system on one page, for staff (the admin URLconf requires admin access)."""
    return TemplateResponse(
        request,
        "practice/admin/style_guide.html",
        {"colours": STYLE_GUIDE_COLOURS, "spaces": range(1, 8)},
    )
