"""The blog's models: `snippets` (categories), `taxonomy` (an article's authors and tags),
`articles` (the article page) and `index` (the blog index). Authors are `people.Author`."""

from blog.models.articles import BlogPage, has_expired, not_expired
from blog.models.index import ARTICLES_PER_PAGE, BlogIndexPage
from blog.models.snippets import BlogCategory
from blog.models.taxonomy import BlogPageAuthor, BlogPageTag

__all__ = [
    "ARTICLES_PER_PAGE",
    "BlogCategory",
    "BlogIndexPage",
    "BlogPage",
    "BlogPageAuthor",
    "BlogPageTag",
    "has_expired",
    "not_expired",
]
