"""Demo blog content for `manage.py seed_demo` (idempotent)."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from blog import demo_content
from blog.models import Author, BlogCategory, BlogIndexPage, BlogPage, BlogPageAuthor
from practice.demo_helpers import child_by_slug, publish_child
from practice.demo_images import demo_image

HERO_SIZE = (1200, 675)
FIGURE_SIZE = (1200, 800)


def with_images(body, images):
    """The body with each figure's demo image index replaced by the stored image's id."""
    resolved = []
    for block in body:
        value = block["value"]
        if block["type"] == "image" and "demo_image" in value["image"]:
            picture = dict(value["image"])
            picture["image"] = images[picture.pop("demo_image")].pk
            value = {**value, "image": picture}
        resolved.append({**block, "value": value})
    return resolved


def seed_authors():
    authors = {}
    for spec in demo_content.AUTHORS:
        spec = dict(spec)
        seed = spec.pop("seed")
        photo = demo_image(
            f"Portrait: {spec['name']}", f"Portrait of {spec['name']}", seed, (400, 400)
        )
        # The English authors: their Spanish translations share the slug.
        authors[spec["slug"]], _ = Author.objects.get_or_create(
            slug=spec["slug"], locale=Locale.get_default(), defaults={**spec, "photo": photo}
        )
    return authors


def seed_categories():
    categories = {}
    for slug, name, description in demo_content.CATEGORIES:
        categories[slug], _ = BlogCategory.objects.get_or_create(
            slug=slug,
            locale=Locale.get_default(),
            defaults={"name": name, "description": description},
        )
    return categories


def seed(home):
    index = child_by_slug(home, "blog")
    if index is None:
        index = publish_child(
            home,
            BlogIndexPage(
                title="Journal",
                slug="blog",
                show_in_menus=True,
                intro="<p>Plain-spoken writing on faces, treatments and recovery.</p>",
                search_description="Articles on facial plastic surgery, non-surgical "
                "treatments and recovery, reviewed by our surgeon.",
            ),
        )
    authors = seed_authors()
    categories = seed_categories()
    heroes = [
        demo_image(title, alt, seed, HERO_SIZE) for title, alt, seed in demo_content.HERO_IMAGES
    ]
    figures = [
        demo_image(title, alt, seed, FIGURE_SIZE) for title, alt, seed in demo_content.BODY_IMAGES
    ]
    existing = set(BlogPage.objects.child_of(index).values_list("slug", flat=True))
    today = timezone.localdate()
    for spec in demo_content.ARTICLES:
        if spec["slug"] in existing:
            continue
        hero_title, hero_alt, _ = demo_content.HERO_IMAGES[spec["hero"]]
        reviewer = authors.get(spec["reviewer"]) if spec["reviewer"] else None
        article = BlogPage(
            title=spec["title"],
            slug=spec["slug"],
            lede=spec["lede"],
            date=today - datetime.timedelta(days=spec["days_ago"]),
            hero_image=heroes[spec["hero"]],
            hero_alt=hero_alt,
            body=with_images(spec["body"], figures),
            reviewed_by=reviewer,
            last_reviewed=today - datetime.timedelta(days=spec["days_ago"] // 2)
            if reviewer
            else None,
        )
        article.categories = [categories[slug] for slug in spec["categories"]]
        article.tags.add(*spec["tags"])
        article.article_authors = [
            BlogPageAuthor(author=authors[slug], sort_order=order)
            for order, slug in enumerate(spec["authors"])
        ]
        publish_child(index, article)
    return index
