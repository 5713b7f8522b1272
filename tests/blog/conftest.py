"""Blog fixtures: the seeded blog index and a quick way to add articles."""

import datetime
import itertools

import pytest
from django.utils import timezone
from wagtail.search import index

from blog.models import BlogCategory, BlogIndexPage, BlogPage, BlogPageAuthor
from core.demo_images import demo_image
from people.models import Author

_counter = itertools.count()

SIMPLE_BODY = [
    {"type": "heading", "value": {"text": "A section", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Some words about faces and recovery.</p>"},
]


@pytest.fixture
def blog_index(seeded):
    return BlogIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def hero_image(db):
    return demo_image("Test hero", "A test hero image", seed=7, size=(320, 180))


@pytest.fixture
def author(db):
    return Author.objects.create(name="Dr. Test Surgeon", slug="test-surgeon", credentials="MD")


@pytest.fixture
def make_article(blog_index, hero_image, author):
    """Add an article straight into the tree (no revisions), live unless told otherwise."""

    def make(
        title=None,
        *,
        categories=(),
        tags=(),
        days_ago=0,
        live=True,
        body=None,
        authors=None,
        parent=None,
        **fields,
    ):
        n = next(_counter)
        title = title or f"Test article {n}"
        article = BlogPage(
            title=title,
            slug=f"test-article-{n}",
            lede=f"Summary of {title}.",
            date=timezone.localdate() - datetime.timedelta(days=days_ago),
            hero_image=hero_image,
            hero_alt="A test hero image",
            body=body if body is not None else SIMPLE_BODY,
            live=live,
            first_published_at=timezone.now() if live else None,
            **fields,
        )
        article.categories = list(categories)
        article.article_authors = [
            BlogPageAuthor(author=person, sort_order=i)
            for i, person in enumerate(authors if authors is not None else [author])
        ]
        (parent or blog_index).add_child(instance=article)
        if tags:
            article.tags.add(*tags)
            article.save()
            # Tests run tasks at once, inside save() and before modelcluster writes the tags;
            # real workers index after the commit. Reindex so the tags are searchable.
            index.insert_or_update_object(article)
        return article

    return make


@pytest.fixture
def category(db):
    return BlogCategory.objects.create(name="Test topic", slug="test-topic")
