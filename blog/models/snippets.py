"""The blog's snippets: categories (authors are people.Author)."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from people.models import taken_in_locale


class BlogCategory(TranslatableMixin, models.Model):
    name = models.CharField(
        max_length=80,
        help_text="Shown on article pages, in the category menu and as the listing's heading.",
    )
    slug = models.SlugField(help_text="Used in the category's address: /blog/category/<slug>/.")
    description = models.TextField(
        max_length=400, blank=True, help_text="Shown at the top of the category's listing."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "blog category"
        verbose_name_plural = "blog categories"
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="blog_category_slug_per_locale"
            ),
            models.UniqueConstraint(
                fields=["name", "locale"], name="blog_category_name_per_locale"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        taken = taken_in_locale(self, slug=self.slug, name=self.name)
        if taken:
            message = "Another category in this language has this {}."
            raise ValidationError({name: message.format(name) for name in taken})
