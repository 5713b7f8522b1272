"""StreamField blocks for procedure pages. A question and its answer are the
blog's block, so both page types take questions the same way."""

from django.utils.translation import gettext, gettext_lazy
from wagtail import blocks

from blog.blocks import QuestionAnswerBlock

__all__ = ["QuestionAnswerBlock", "RecoveryStepBlock", "RecoveryTimelineBlock"]


# "Week 2" in the page's language.
WHEN = {
    "day": gettext_lazy("Day %(number)s"),
    "week": gettext_lazy("Week %(number)s"),
    "month": gettext_lazy("Month %(number)s"),
}


class RecoveryStepValue(blocks.StructValue):
    def when(self):
        """“Day 1”, “Week 2”, “Month 3”; day 0 is “The day of the procedure”."""
        amount, unit = self["amount"], self["unit"]
        if amount == 0 and unit == "day":
            return gettext("The day of the procedure")
        phrase = WHEN.get(unit)
        return phrase % {"number": amount} if phrase else f"{unit.capitalize()} {amount}"


class RecoveryStepBlock(blocks.StructBlock):
    amount = blocks.IntegerBlock(
        min_value=0,
        max_value=365,
        help_text="How long after the procedure, e.g. 2 for “2 weeks”. 0 means the day of it.",
    )
    unit = blocks.ChoiceBlock(
        choices=[("day", "Day"), ("week", "Week"), ("month", "Month")],
        default="day",
        help_text="Days, weeks or months after the procedure.",
    )
    title = blocks.CharBlock(max_length=100, help_text="What happens then, e.g. “Stitches out”.")
    text = blocks.TextBlock(max_length=500, help_text="One or two plain sentences.")

    class Meta:
        icon = "time"
        label = "Recovery step"
        template = "procedures/blocks/recovery_step.html"
        value_class = RecoveryStepValue


class RecoveryTimelineBlock(blocks.StreamBlock):
    step = RecoveryStepBlock()

    class Meta:
        block_counts = {"step": {"max_num": 20}}
