"""RSS 2.0 and Atom feeds of articles, for the whole blog or one category: views of a blog
index (BlogIndexPage.feed_articles lists what they show)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext

FEED_LENGTH = 20


def article_published_at(article):
    """The article's publication date (the one it shows) as midnight in the practice's
    time zone."""
    midnight = datetime.datetime.combine(article.date, datetime.time())
    return timezone.make_aware(midnight, timezone.get_default_timezone())


class ArticlesRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, category=None):
        super().__init__()
        self.index = index
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _absolute(self, url):
        return self.request.build_absolute_uri(url)

    def title(self):
        if self.category:
            return f"{self.index.title}: {self.category.name}"
        return self.index.title

    def link(self):
        url = self.index.url
        if self.category:
            url += self.index.reverse_subpage("category", args=[self.category.slug])
        return self._absolute(url)

    def description(self):
        if self.category and self.category.description:
            return self.category.description
        fallback = gettext("New articles from %(blog)s.") % {"blog": self.index.title}
        return self.index.search_description or fallback

    def items(self):
        return self.index.feed_articles(self.category)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lede

    def item_link(self, item):
        return self._absolute(item.url)

    def item_guid(self, item):
        return self._absolute(item.url)

    def item_pubdate(self, item):
        return article_published_at(item)

    def item_updateddate(self, item):
        # Never before the publication date, which editors may set later than the publish.
        published = article_published_at(item)
        return max(item.last_published_at or published, published)

    # Read from the relations BlogIndexPage.feed_articles() prefetches, one query for all.
    def item_author_name(self, item):
        names = [link.author.display_name for link in item.article_authors.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class ArticlesAtomFeed(ArticlesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
