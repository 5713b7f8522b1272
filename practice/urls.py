import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.documents import urls as wagtaildocs_urls

from practice import views
from practice.search import search

# The Django admin is deliberately not routed: staff work in the Wagtail admin.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("practice.site_urls")),
    path("", include("procedures.urls")),
]

# Local uploads (a one-server deployment): the app serves its images itself, DEBUG or not.
# With S3, image URLs point at the bucket or its CDN and this view answers 404.
if settings.MEDIA_URL.startswith("/") and settings.MEDIA_URL != "/":
    urlpatterns.insert(
        0,
        re_path(
            r"^{}(?P<path>.+)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
            views.media_image,
            name="media_image",
        ),
    )

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# What visitors read, in each language: English unprefixed, Spanish under /es/. Page serving
# takes everything not matched above; it must come last. It is Wagtail's (wagtail.urls), with
# its catch-all page view replaced by ours (practice.views.serve_page: Wagtail's view and
# hooks, routing from a cached home page) under the same pattern and name.
# Not _util/: Wagtail's own views there (the password form of a restricted page posts to
# _util/authenticate_with_password/) come from wagtail.urls below.
_serve_pattern = (
    r"^(?!_util/)((?:[\w\-]+/)*)$" if WAGTAIL_APPEND_SLASH else r"^(?!_util/)([\w\-/]*)$"
)
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    re_path(_serve_pattern, views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
