"""Settings for a task worker the outage tests start as a process of its own: the test
settings, with the production task backend (django-tasks-db) and mail over SMTP to the
test's sink (EMAIL_PORT), so a worker can be killed for real in the middle of a send."""

from practice.settings.test import *  # noqa: F403
from practice.settings.test import env

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = env.int("EMAIL_PORT")
EMAIL_TIMEOUT = 5
