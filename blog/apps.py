from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from blog.models import Author, BlogCategory
        from practice.caching import register_site_wide

        # Every article page shows its authors and categories from a cached copy, and the
        # category menu is on every listing: an edit purges the whole site.
        register_site_wide(Author, BlogCategory)
