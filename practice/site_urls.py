"""Site-wide URLs that are not Wagtail pages (search, health checks, robots, sitemap)."""

urlpatterns = []
