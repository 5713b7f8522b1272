"""Blocks that other apps' pages use to show procedures: the home page's procedures section.

Apart from procedures.blocks because it reads the procedure pages (procedures.models imports
procedures.blocks for the procedure page's own fields).
"""

from wagtail import blocks

from procedures.models import GalleryPage, ProcedureIndexPage, ProcedurePage


class ProcedureCardsBlock(blocks.StructBlock):
    """The home page's procedures section: a card per procedure page, linking the full list
    and the before/after gallery in the page's language."""

    heading = blocks.CharBlock(max_length=120, default="Procedures")
    intro = blocks.TextBlock(
        required=False, max_length=300, help_text="Optional sentence under the heading."
    )
    procedures = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="procedures.ProcedurePage"),
        required=False,
        max_num=9,
        help_text="Choose and order the procedures to show. Leave empty to show every live "
        "procedure, in the order of the procedures list. Each shows in the page's language.",
    )
    show_gallery_link = blocks.BooleanBlock(
        required=False, default=True, help_text="Link the before/after gallery under the cards."
    )

    class Meta:
        icon = "list-ul"
        label = "Procedures"
        template = "procedures/blocks/procedure_cards.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        locale_id = getattr(page, "locale_id", None)
        live = ProcedurePage.objects.live().public()
        if value["procedures"]:
            chosen = [p.translation_key for p in value["procedures"] if p is not None]
            found = {p.translation_key: p for p in live.filter(translation_key__in=chosen)}
            if locale_id is not None:
                found.update(
                    (p.translation_key, p)
                    for p in live.filter(translation_key__in=chosen, locale_id=locale_id)
                )
            cards = [found[key] for key in chosen if key in found]
        else:
            cards = list(live.filter(locale_id=locale_id).order_by("path")[:9])
        context["procedure_pages"] = cards
        context["procedure_index"] = (
            ProcedureIndexPage.objects.live().public().filter(locale_id=locale_id).first()
        )
        context["gallery"] = (
            GalleryPage.objects.live().public().filter(locale_id=locale_id).first()
            if value["show_gallery_link"]
            else None
        )
        return context
