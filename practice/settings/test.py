"""Test suite settings: fast hashing, in-memory mail, deterministic tasks."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False
# The benchmark's commands (`bench`), never installed by the production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
SECRET_KEY = "test-only-secret-key"  # noqa: S105 - the test suite's own, never deployed
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Wagtail's own tasks (search and reference index) run at once so tests see their effect;
# tests of our queued work switch to the database backend with override_settings.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")  # noqa: F405
PATIENT_PHOTOS_ROOT = BASE_DIR / "var" / "test-patient-photos"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
# Static files come from the finders in tests; there is no collectstatic output.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405

# Parallel test workers each get their own Redis database: cache.clear() flushes one. The
# numbers start after REDIS_URL's own (redis://host/4 gives workers 5, 6, ...), so two test
# runs on one machine (two clones) can use separate databases.
if REDIS_URL:  # noqa: F405
    _worker = env("PYTEST_XDIST_WORKER", default="gw0").removeprefix("gw")
    _base = int(urlsplit(REDIS_URL).path.strip("/") or 0)  # noqa: F405
    _db = f"/{_base + 1 + int(_worker or 0)}"
    CACHES["default"]["LOCATION"] = urlsplit(REDIS_URL)._replace(path=_db).geturl()  # noqa: F405
    # Renditions in the same per-worker database, cleared with it between tests.
    CACHES["renditions"]["LOCATION"] = CACHES["default"]["LOCATION"]  # noqa: F405
