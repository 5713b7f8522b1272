"""Site-wide URLs that are not Wagtail pages (search, health checks, robots, sitemap)."""

from django.urls import path

from practice.search import search

urlpatterns = [
    path("search/", search, name="search"),
]
