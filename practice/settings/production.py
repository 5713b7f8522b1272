"""Production: everything comes from the environment and unsafe defaults fail loudly."""

from django.core.exceptions import ImproperlyConfigured

from caching import release

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, RELEASE_ID, SECRET_KEY, STORAGES, cache_key_prefix, env

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

# Neither RELEASE_ID nor a build's var/release-id: the code hashed now (caching/release.py).
if RELEASE_ID == release.UNRELEASED:
    RELEASE_ID = release.production_release_id(BASE_DIR)
    for _alias in CACHES:
        if "KEY_PREFIX" in CACHES[_alias]:
            CACHES[_alias]["KEY_PREFIX"] = cache_key_prefix(RELEASE_ID)

# Hashed, compressed static files with far-future cache headers, served by whitenoise.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only. Behind a TLS-terminating load balancer set SECURE_PROXY_SSL_HEADER=true.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
