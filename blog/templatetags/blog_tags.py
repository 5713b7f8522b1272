"""Template tags for the blog's cards and the article's structured data."""

from django import template
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from blog import structured_data
from core.site_settings import PracticeSettings
from core.structured_data import render_jsonld

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


@register.simple_tag(takes_context=True)
def article_structured_data(context, page, blog_index):
    """`{% article_structured_data page blog_index %}`: the article's JSON-LD blocks. Placed
    in the body, inside the article's cached fragment (search engines read JSON-LD anywhere
    in the document), so a render that finds the fragment cached builds none of it."""
    request = context["request"]
    settings = PracticeSettings.for_request(request)
    blocks = structured_data.article_jsonld(page, request, settings, blog_index)
    return mark_safe("".join(render_jsonld(block) for block in blocks))  # noqa: S308


@register.simple_tag(takes_context=True)
def listing_breadcrumbs(context, blog_index, crumbs):
    """`{% listing_breadcrumbs page extra_crumbs %}`: a listing's breadcrumb trail (the blog,
    then a category or tag when one is listed) and its JSON-LD, inside the listing's
    cached fragment."""
    request = context["request"]
    crumbs_context = blog_index.crumbs_context(request, crumbs)
    links = crumbs_context["breadcrumb_links"]
    trail = render_to_string(
        "components/breadcrumbs.html",
        {
            "ancestors": links["ancestors"],
            "current": blog_index,
            "current_url": links["current_url"],
            "crumbs": crumbs_context["extra_crumbs"],
        },
    )
    return mark_safe(render_jsonld(crumbs_context["breadcrumbs_jsonld"]) + trail)  # noqa: S308
