"""URLs of the blog app that live outside the Wagtail page tree."""

urlpatterns = []
