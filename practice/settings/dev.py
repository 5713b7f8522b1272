"""Local development: debug on, mail to the console, tasks run immediately."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DEBUG", default=True)
# The benchmark's commands (`bench`), never installed by the production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# A newcomer sees bookings confirmed by email without running a worker.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
        "QUEUES": ["default"],
    }
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Template and code edits do not purge the page cache: keep it off while developing
# (PAGE_CACHE_ENABLED=true to try it; tests and production have it on).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)
