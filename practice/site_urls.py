"""Site-wide URLs that are not Wagtail pages (search, health checks, robots, sitemap)."""

from django.urls import path

from practice import views
from practice.search import search

urlpatterns = [
    path("search/", search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
]
