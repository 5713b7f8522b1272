"""StreamField blocks shared by every app's pages."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Sub-heading (h3)")],
        default="h2",
        help_text="Use h2 for sections and h3 inside a section; the page title is the only h1.",
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Talk to us about your goals")
    text = blocks.TextBlock(required=False, max_length=400)
    button_label = blocks.CharBlock(max_length=40, default="Book a consultation")
    page = blocks.PageChooserBlock(
        required=False,
        help_text="Leave empty to link to the consultation booking page.",
    )

    class Meta:
        icon = "pick"
        template = "core/blocks/call_to_action.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300)
    page = blocks.PageChooserBlock(required=False)
    image = ImageBlock(required=False)


class FeaturedCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    cards = blocks.ListBlock(CardBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "doc-full"
        template = "core/blocks/featured_cards.html"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=500)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "core/blocks/pull_quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image in its alt text unless it is decorative.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "core/blocks/captioned_image.html"


class ContentStreamBlock(blocks.StreamBlock):
    """Body blocks for generic content pages (About, Privacy policy, procedures)."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "document-link"],
        template="core/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = PullQuoteBlock()
    call_to_action = CallToActionBlock()
    featured = FeaturedCardsBlock()


class HomeStreamBlock(blocks.StreamBlock):
    featured = FeaturedCardsBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link"], template="core/blocks/paragraph.html"
    )
    call_to_action = CallToActionBlock()
