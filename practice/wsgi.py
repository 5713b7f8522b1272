"""WSGI entry point (gunicorn practice.wsgi): Django, with page-cache hits answered first."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings.production")

application = get_wsgi_application()

# Imported once Django is set up (the middleware module reads settings and models' apps).
from practice.middleware import PageCacheApplication  # noqa: E402

application = PageCacheApplication(application)
