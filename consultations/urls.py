"""URLs of the consultations app that live outside the Wagtail page tree."""

urlpatterns = []
