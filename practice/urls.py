import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from practice import views
from practice.search import search

# A database outage answers the site's 503 page, any other error the 500 page.
handler500 = "security.outage.server_error"

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

# What visitors read, in each language: English unprefixed, Spanish under /es/. Wagtail's
# page serving (with its password and sign-in views under _util/) takes everything not
# matched above; it must come last.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
