"""Demo blog content for `manage.py seed_demo` (idempotent)."""

from blog.models import BlogIndexPage
from practice.demo import child_by_slug, publish_child


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
            ),
        )
    return index
