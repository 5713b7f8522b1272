"""Template tags for the blog's cards, rendered once per blog version rather than per page."""

from django import template
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string

from blog.models import BLOG_FRAGMENTS
from blog.models.articles import images_with_renditions
from practice.caching import cached_html

register = template.Library()


def cards_key(articles, heading_level, eager_first):
    """One key for a whole list of cards: the articles in order and how they are shown, under
    the blog's fragment version (any article, image, tag or site-wide change retires it)."""
    ids = [article.pk for article in articles]
    return BLOG_FRAGMENTS.key_for("cards", heading_level, int(eager_first), *ids)


@register.simple_tag
def article_cards(articles, heading_level="h2", eager_first=False):
    """`{% article_cards articles "h3" %}`: the `<li>` cards of `articles` (a list or page of
    articles). Which articles is the caller's query, run fresh (expiry depends on the clock);
    their HTML is cached, so a hit costs one cache read and no image work at all."""
    articles = list(articles)
    if not articles:
        return ""

    def render():
        # Only on a miss: the hero images and their renditions for every card, in two queries.
        prefetch_related_objects(
            articles, Prefetch("hero_image", queryset=images_with_renditions())
        )
        return render_to_string(
            "components/article_card_items.html",
            {"articles": articles, "heading_level": heading_level, "eager_first": eager_first},
        )

    return cached_html(cards_key(articles, heading_level, eager_first), render)
