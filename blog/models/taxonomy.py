"""What an article is filed under and by whom: its authors (in order), categories and tags,
read for the article page in a fixed number of queries."""

import dataclasses

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from people.models import Author


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPageAuthor(Orderable):
    page = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="+", help_text="Pick from Authors."
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = "article author"
        constraints = [
            # Checked at commit: the editor may swap two rows' authors, and the rows are
            # saved one by one (PostgreSQL; SQLite has no deferrable constraints and keeps
            # only the form's duplicate check).
            models.UniqueConstraint(
                fields=["page", "author"],
                name="blog_author_once_per_page",
                deferrable=models.Deferrable.DEFERRED,
            )
        ]


@dataclasses.dataclass(frozen=True)
class ArticleTaxonomy:
    """What an article page shows of its own links: plain rows, none pointing back at it."""

    authors: list
    categories: list
    tags: list
    procedures: list = dataclasses.field(default_factory=list)


def build(article):
    """Read the article's taxonomy from the database, in five queries."""
    links = (
        BlogPageAuthor.objects.filter(page=article)
        .select_related("author__photo", "author__profile_page")
        .order_by("sort_order")
    )
    authors = [link.author for link in links]
    tags = [
        item.tag
        for item in BlogPageTag.objects.filter(content_object=article).select_related("tag")
    ]
    # The procedure pages it names.
    procedures = list(
        article.procedures.live()
        .public()
        .only("id", "title", "slug", "url_path", "path", "depth", "locale_id")
        .order_by("path")
    )
    return ArticleTaxonomy(authors, list(article.categories.all()), tags, procedures=procedures)
