"""Demo procedures for `manage.py seed_demo` (idempotent): the procedures index, six
procedure pages, and the articles that name them."""

from django.utils import timezone

from blog.models import Author, BlogPage
from practice.demo_helpers import child_by_slug, publish_child
from procedures import demo_content
from procedures.models import ProcedureIndexPage, ProcedurePage


def seed(home):
    index = child_by_slug(home, "procedures")
    if index is None:
        index = publish_child(
            home,
            ProcedureIndexPage(
                title="Procedures",
                slug="procedures",
                show_in_menus=True,
                intro="<p>What each procedure involves, who it suits, how recovery goes and "
                "what it costs, reviewed by our surgeon.</p>",
            ),
        )
    reviewer = Author.objects.filter(is_physician=True).order_by("pk").first()
    existing = {p.slug: p for p in ProcedurePage.objects.child_of(index)}
    pages = {}
    for spec in demo_content.PROCEDURES:
        page = existing.get(spec["slug"])
        if page is None:
            page = publish_child(
                index,
                ProcedurePage(
                    **spec,
                    reviewed_by=reviewer,
                    last_reviewed=timezone.localdate() if reviewer else None,
                ),
            )
        pages[page.slug] = page
    for slug, procedure_slugs in demo_content.ARTICLE_PROCEDURES.items():
        article = BlogPage.objects.filter(slug=slug).first()
        if article is None or article.procedures.exists():
            continue
        article.procedures.set([pages[s] for s in procedure_slugs if s in pages])
        article.save_revision().publish()
    return index
