"""Demo blog content for `manage.py seed_demo` (idempotent)."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from blog import demo_content
from blog.models import BlogCategory, BlogIndexPage, BlogPage, BlogPageAuthor
from core.demo_helpers import child_by_slug, publish_child
from core.demo_images import demo_image
from medical_review import reviews
from people.models import Author

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
    for spec in demo_content.ARTICLES:
        if spec["slug"] not in existing:
            publish_child(index, build_article(spec, authors, categories, heroes, figures))
    return index


def build_article(spec, authors, categories, heroes, figures):
    hero_title, hero_alt, _ = demo_content.HERO_IMAGES[spec["hero"]]
    article = BlogPage(
        title=spec["title"],
        slug=spec["slug"],
        lede=spec["lede"],
        date=timezone.localdate() - datetime.timedelta(days=spec["days_ago"]),
        hero_image=heroes[spec["hero"]],
        hero_alt=hero_alt,
        body=with_images(spec["body"], figures),
    )
    article.categories = [categories[slug] for slug in spec["categories"]]
    article.tags.add(*spec["tags"])
    article.article_authors = [
        BlogPageAuthor(author=authors[slug], sort_order=order)
        for order, slug in enumerate(spec["authors"])
    ]
    return article


def seed_reviews(index):
    """Each demo article's review, recorded as of its live version (the demo predates the
    workflow: no approving account). Run after everything that republishes articles."""
    today = timezone.localdate()
    authors = Author.objects.filter(locale_id=index.locale_id)
    for spec in demo_content.ARTICLES:
        article = BlogPage.objects.child_of(index).filter(slug=spec["slug"], live=True).first()
        if not spec["reviewer"] or article is None or article.medical_review is not None:
            continue
        reviews.record_review(
            article,
            article.live_revision,
            reviewer=authors.get(slug=spec["reviewer"]),
            on=today - datetime.timedelta(days=spec["days_ago"] // 2),
        )
    # Articles of another edition (the Spanish demo's own texts): by its first physician.
    physician = authors.filter(is_physician=True).order_by("pk").first()
    english = [spec["slug"] for spec in demo_content.ARTICLES]
    for article in BlogPage.objects.child_of(index).live().exclude(slug__in=english):
        if physician is not None and article.medical_review is None:
            reviews.record_review(article, article.live_revision, reviewer=physician)


def seed_awaiting_review(index, submitter=None):
    """One draft article submitted to the Medical review workflow (needs ensure_roles first)."""
    spec = demo_content.AWAITING_REVIEW
    if BlogPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return None
    here = {"locale_id": index.locale_id}
    authors = {a.slug: a for a in Author.objects.filter(slug__in=spec["authors"], **here)}
    categories = {
        c.slug: c for c in BlogCategory.objects.filter(slug__in=spec["categories"], **here)
    }
    hero_title, hero_alt, seed = demo_content.HERO_IMAGES[spec["hero"]]
    heroes = {spec["hero"]: demo_image(hero_title, hero_alt, seed, HERO_SIZE)}
    article = build_article(spec, authors, categories, heroes, [])
    article.live = False
    index.add_child(instance=article)
    article.save_revision(user=submitter)
    workflow = article.get_workflow()
    if workflow is not None:
        workflow.start(article, submitter)
    return article
