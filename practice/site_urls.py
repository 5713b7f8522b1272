"""Site-wide URLs that are not Wagtail pages and not per language (health checks, robots,
sitemap); search is per language, in practice.urls."""

from django.urls import path

from practice import error_pages, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Only with ERROR_PAGES_PREVIEW (make lighthouse): 404 otherwise.
    path("error-pages/<str:language>/<str:kind>/", error_pages.preview, name="error_page"),
]
