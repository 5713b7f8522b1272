"""Template tags for the blog's cards, rendered once per blog version rather than per page."""

from django import template
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string

from blog.models import BLOG_FRAGMENTS
from blog.models.articles import ArticleIds, images_with_renditions
from practice.caching import cached_html

register = template.Library()


def cards_key(ids, heading_level, eager_first):
    """One key for a whole list of cards: the articles in order and how they are shown, under
    the blog's fragment version (any article, image, tag or site-wide change retires it)."""
    return BLOG_FRAGMENTS.key_for("cards", heading_level, int(eager_first), *ids)


@register.simple_tag
def article_cards(articles, heading_level="h2", eager_first=False):
    """`{% article_cards articles "h3" %}`: the `<li>` cards of `articles` (a list or page of
    articles, or of their ids: ArticleIds). Which articles is the caller's (fresh, or cached
    under versions that retire with any change and the next expiry); their HTML is cached,
    so a hit costs one cache read, no query and no image work at all."""
    listed = getattr(articles, "object_list", articles)  # a Paginator page holds a list
    if isinstance(listed, ArticleIds):
        ids, load = list(listed), listed.load
    else:
        articles = list(articles)
        ids, load = [article.pk for article in articles], lambda: articles
    if not ids:
        return ""

    def render():
        shown = load()
        # Only on a miss: the hero images and their renditions for every card, in two queries.
        prefetch_related_objects(shown, Prefetch("hero_image", queryset=images_with_renditions()))
        return render_to_string(
            "components/article_card_items.html",
            {"articles": shown, "heading_level": heading_level, "eager_first": eager_first},
        )

    return cached_html(cards_key(ids, heading_level, eager_first), render)
