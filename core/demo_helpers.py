"""Helpers every app's demo content uses (core: they know no app's pages)."""


def publish_child(parent, page):
    """Add `page` under `parent` and publish it through a revision, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()
