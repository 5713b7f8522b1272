"""URLs of the offices app that live outside the Wagtail page tree."""

urlpatterns = []
