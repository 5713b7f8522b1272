"""Template tags for the blog's cards."""

from django import template
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def article_cards(articles, heading_level="h2", eager_first=False):
    """`{% article_cards articles "h3" %}`: the `<li>` cards of `articles` (a list or page of
    articles). Listings load them with their hero images and renditions
    (blog.models.articles.for_cards); any other list gets them here, in two queries."""
    shown = list(getattr(articles, "object_list", articles))  # a Paginator page holds a list
    if not shown:
        return ""
    prefetch_related_objects(shown, "hero_image__renditions")  # skips what is loaded
    return render_to_string(
        "components/article_card_items.html",
        {"articles": shown, "heading_level": heading_level, "eager_first": eager_first},
    )
