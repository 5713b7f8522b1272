"""Pages with Spanish and Greek slugs in both languages (Wagtail makes Unicode slugs by
default), shared by the address tests under the test client, gunicorn and Varnish."""

from urllib.parse import quote

from core.demo_helpers import publish_child
from practice.models import ContentPage, HomePage

SLUGS = {
    "en": ["diseño-óptimo", "ρινοπλαστική"],
    "es": ["diseño-de-sonrisa", "ρινοπλαστική"],
}
# Never a page: a percent-encoded emoji, a right-to-left mark, a lone continuation byte.
HOSTILE_PATHS = ["/%F0%9F%98%80/", "/es/%E2%80%8Fabout/", "/%E2%80%8F/", "/%80abc/"]


def make_unicode_pages():
    """Publish one page per slug under each language's home page; their quoted paths."""
    paths = []
    for language, slugs in SLUGS.items():
        home = HomePage.objects.get(locale__language_code=language)
        prefix = "" if language == "en" else f"/{language}"
        for slug in slugs:
            page = ContentPage(title=f"Page {slug}", slug=slug, intro=f"About {slug}.")
            publish_child(home, page)
            paths.append(f"{prefix}/{quote(slug)}/")
    return paths
