"""StreamField blocks for articles. Shared blocks come from core.blocks."""

from wagtail import blocks

from core.blocks import CallToActionBlock, CaptionedImageBlock, HeadingBlock, PullQuoteBlock


class BulletListBlock(blocks.StructBlock):
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label="Item"),
        min_num=1,
        help_text="One point per item; keep each to a sentence or two.",
    )

    class Meta:
        icon = "list-ul"
        label = "Bulleted list"
        template = "blog/blocks/bullet_list.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, help_text="Phrase it as a patient would ask it.")
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Frequently asked questions")
    questions = blocks.ListBlock(QuestionAnswerBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = "FAQ"
        template = "blog/blocks/faq.html"


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="core/blocks/paragraph.html",
    )
    bullets = BulletListBlock()
    image = CaptionedImageBlock()
    quote = PullQuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
