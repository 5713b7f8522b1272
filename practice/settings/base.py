"""Settings shared by every environment, read from environment variables.

dev.py, test.py and production.py import this module and change only what differs.
Every variable is documented in README.md ("Configuration").
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

from caching import release

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
# A local .env file is convenient in development; real deployments set variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
# Serve /error-pages/<language>/<403|csrf|500>/ for `make lighthouse` (practice.error_pages).
ERROR_PAGES_PREVIEW = env.bool("ERROR_PAGES_PREVIEW", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "practice",
    "people",
    "medical_review",
    "offices",
    "blog",
    "procedures",
    "consultations",
    # The core packages the apps above build on (each imports no domain app).
    "core",
    "security",
    "caching",
    # manage.py import_wordpress (docs/wordpress-import.md): what each imported item became.
    "practice.wordpress",
    # Translations for staff: the translation editor, sync and the Locales admin (in place of
    # wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# Order matters: what every response carries (request id and access line, security headers,
# CSP, the language) comes above the page cache, so a hit gets it afresh; the page cache sits
# just below the session middleware, so a visitor with a session always gets a fresh page.
MIDDLEWARE = [
    "security.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "security.middleware.SiteCSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before the session: unstorable characters never reach it (nor a view).
    "security.input_guard.InputGuardMiddleware",
    # The language from the prefix alone, English unprefixed; Content-Language on responses.
    "django.middleware.locale.LocaleMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before the page cache, which would answer /?p=123 with the cached home page: the
    # WordPress import's old /?p= and /?page_id= addresses redirect to their pages.
    "practice.wordpress.middleware.OldQueryAddressMiddleware",
    "caching.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes must come last: it turns lockouts into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "practice.urls"
# A refused form gets the site's 403 page in the visitor's language, not Django's own.
CSRF_FAILURE_VIEW = "practice.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "caching.context_processors.cache_generation",
            ],
        },
    },
]

WSGI_APPLICATION = "practice.wsgi.application"

# With no DATABASE_URL the site runs on a SQLite file in the project folder;
# PostgreSQL (postgres://user@host:5432/name) is the production database.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def postgresql_options(statement_timeout_ms):
    """libpq parameters that bound how long a request can wait on PostgreSQL: a refused or
    silent server fails the connection within DATABASE_CONNECT_TIMEOUT seconds, TCP
    keepalives and a user timeout notice a dead peer on an open connection, and the server
    cancels a statement after `statement_timeout_ms` (0: no limit). Long jobs (migrate, the
    worker) lift the statement timeout for their own sessions (practice.database)."""
    options = {
        "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=3),
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        # Data left unacknowledged on a cut link (a partition mid-query): give up after 5 s.
        # A healthy server acknowledges within milliseconds, however slow its query.
        "tcp_user_timeout": 5_000,
    }
    if statement_timeout_ms:
        options["options"] = f"-c statement_timeout={statement_timeout_ms}"
    return options


# Seconds one SQL statement of a web request may run before PostgreSQL cancels it.
DATABASE_STATEMENT_TIMEOUT = env.float("DATABASE_STATEMENT_TIMEOUT", default=10)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        postgresql_options(int(DATABASE_STATEMENT_TIMEOUT * 1000))
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set, so several app servers share cache, rate limits
# and lockouts; local memory otherwise (one process only).
REDIS_URL = env("REDIS_URL", default="")


# The release key (caching/release.py): RELEASE_ID, else the digest written at build time.
# Part of every shared cache key, so a deploy never serves the previous release's pages.
RELEASE_ID = release.configured_release_id(BASE_DIR) or release.UNRELEASED


def cache_key_prefix(release_id):
    return env("CACHE_KEY_PREFIX", default="practice") + ":" + release_id


# Redis holds only caches and counters: when it cannot be reached, a cache read is a miss and
# a write is dropped (IGNORE_EXCEPTIONS), within a short socket timeout, so an outage costs
# speed, not the site. The rate limits fail open (consultations.ratelimit). Each ignored
# error is logged on "practice.redis", at most once a minute (security.logging).
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.25)
REDIS_OPTIONS = {
    "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT,
    "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
    "IGNORE_EXCEPTIONS": True,
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "practice.redis"

if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis keeps one redis-py client per server (Django's own backend builds
            # one per call, a third of a page-cache hit's CPU) and skips memcached's key checks.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": cache_key_prefix(RELEASE_ID),
            "OPTIONS": REDIS_OPTIONS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "practice",
        }
    }

# Wagtail keeps rendition lookups in a "renditions" cache when there is one: a week here,
# rather than the default cache's five minutes (its keys change with an image's file and
# focal point, so a long life is safe). Same store as the default cache.
CACHES["renditions"] = {**CACHES["default"], "TIMEOUT": 7 * 24 * 3600}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Spanish: English URLs unprefixed, Spanish under /es/ (practice.urls).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# wagtail-localize: a new translation starts as a draft, never live (by default it follows
# the English page's status, publishing English text under /es/ the moment staff press
# Translate). Health pages translate as free copies (medical_review.MedicalReviewMixin).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Spanish tags ("párpados") get ASCII slugs ("parpados"): tag listings route on <slug:...>.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
# The practice time zone governs every time shown to visitors and staff.
TIME_ZONE = env("PRACTICE_TIME_ZONE", default="America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Patient photos (procedures.photos): a private folder outside MEDIA_ROOT, never served as
# files. On several servers, point it at a shared private volume.
PATIENT_PHOTOS_ROOT = env.path("PATIENT_PHOTOS_ROOT", default=BASE_DIR / "var" / "patient-photos")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several app servers need shared media: S3-compatible storage via django-storages.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
_s3_endpoint = env("AWS_S3_ENDPOINT_URL", default=None)
_s3_region = env("AWS_S3_REGION_NAME", default=None)
_s3_custom_domain = env("AWS_S3_CUSTOM_DOMAIN", default=None)
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": _s3_endpoint,
            "region_name": _s3_region,
            "custom_domain": _s3_custom_domain,
            "file_overwrite": False,
            "querystring_auth": False,
            # As the app serves local images (practice.views.MEDIA_MAX_AGE): a day.
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }


def _origin(url):
    parts = urlsplit(url if "//" in url else f"https://{url}")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


def media_origins(media_url, bucket, endpoint=None, region=None, custom_domain=None):
    """The origins image URLs point at, for the CSP's img-src: a media URL on another host,
    and, with S3, the custom domain (a CDN) or else the origin django-storages builds URLs
    on (the endpoint, path-style; or AWS's bucket host, global and regional)."""
    origins = [_origin(media_url)] if urlsplit(media_url).netloc else []
    if bucket:
        if custom_domain:
            origins.append(_origin(custom_domain))
        elif endpoint:
            origins.append(_origin(endpoint))
        else:
            origins.append(f"https://{bucket}.s3.amazonaws.com")
            if region:
                origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return list(dict.fromkeys(o for o in origins if o))


DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# How long a worker holds an email it is sending before another may send it (the first died
# mid-send): 0 means six EMAIL_TIMEOUTs, at least a minute (consultations.notifications).
EMAIL_SEND_LEASE_SECONDS = env.int("EMAIL_SEND_LEASE_SECONDS", default=0)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Practice <no-reply@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where new-booking notifications for the practice go when an office has no email.
PRACTICE_NOTIFICATION_EMAIL = env("PRACTICE_NOTIFICATION_EMAIL", default="frontdesk@example.com")

# Background tasks (django-tasks). The database backend is run by `manage.py run_worker`
# (django-tasks-db's db_worker, restarted through database outages).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Phone numbers are stored in E.164; numbers typed without a country code are US.
PHONENUMBER_DEFAULT_REGION = "US"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# Consultation booking rules (defaults; staff may override per schedule in the admin).
CONSULTATION_RETENTION_MONTHS = env.int("CONSULTATION_RETENTION_MONTHS", default=24)
CONSULTATION_MIN_NOTICE_HOURS = env.int("CONSULTATION_MIN_NOTICE_HOURS", default=24)
CONSULTATION_HORIZON_DAYS = env.int("CONSULTATION_HORIZON_DAYS", default=60)
# Abuse limits on the booking form: attempts per client IP and per email address.
BOOKING_RATE_LIMIT_ENABLED = env.bool("BOOKING_RATE_LIMIT_ENABLED", default=True)
BOOKING_RATE_LIMIT = env.int("BOOKING_RATE_LIMIT", default=5)
BOOKING_RATE_LIMIT_WINDOW = env.int("BOOKING_RATE_LIMIT_WINDOW", default=600)
# A form sent back faster than a person can type is treated as a bot.
BOOKING_MIN_FILL_SECONDS = env.int("BOOKING_MIN_FILL_SECONDS", default=3)
# Behind a load balancer, how many proxies add to X-Forwarded-For (0 = trust REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Visitors move or cancel online until this many hours before the consultation; after it
# their booking page says to call the office (staff are not limited).
BOOKING_CHANGE_CUTOFF_HOURS = env.int("BOOKING_CHANGE_CUTOFF_HOURS", default=24)
# Self-service links in emails stop working after this many days.
CONSULTATION_LINK_MAX_AGE_DAYS = env.int("CONSULTATION_LINK_MAX_AGE_DAYS", default=90)

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Practice website")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A hostile upload must not exhaust memory: cap bytes and decoded pixels.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No Gravatar: staff avatars are their uploaded photo or Wagtail's local default, never a
# request to a third party (the site's own rule).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Medical review (medical_review.reviews): finishing the workflow records the approval before
# it publishes. Reapproval on edit stays off: a draft in review is locked to all but the
# physicians, and Wagtail's editor saves a new revision on every Approve click, which with it on
# would restart the task instead of publishing.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "medical_review.workflow_actions.finish_workflow"
# A health page's review is due this many days after its last approval.
MEDICAL_REVIEW_INTERVAL_DAYS = env.int("MEDICAL_REVIEW_INTERVAL_DAYS", default=365)

# Security headers (production.py adds HTTPS-only settings).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt into SAMEORIGIN themselves
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# Media on another origin (S3 or a CDN in front of it) must be allowed to load images.
_media_origin = media_origins(
    MEDIA_URL, AWS_STORAGE_BUCKET_NAME, _s3_endpoint, _s3_region, _s3_custom_domain
)
# Public pages: no inline scripts at all (so cached pages need no per-response nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media_origin],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (and its previews) needs inline scripts and styles and framing by itself.
ADMIN_CSP_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *_media_origin],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

# Admin login lockout (django-axes): stored in the database, so every app server sees it.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The site's one client-address resolver (django-ipware, driven by TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "security.client_address.client_ip"

# Two-factor sign-in (security/two_factor.py): optional per staff account, or required for all.
STAFF_TWO_FACTOR_REQUIRED = env.bool("STAFF_TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Practice website")

# Full-page cache for anonymous visitors (caching/, docs/caching.md).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=3600)
# The longest a site generation lives (it ends sooner at the next midnight or expiry): bounds
# what a retire lost while the cache was unreachable can leave behind.
PAGE_CACHE_GENERATION_TIMEOUT = env.int("PAGE_CACHE_GENERATION_TIMEOUT", default=3600)
# The query parameters cached pages read (listing and search pages, the sitemap's index);
# others are left out of the cache key. See caching.page_cache.cache_query.
PAGE_CACHE_QUERY_PARAMS = ("page", "q", "p")
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
    "/readyz",
    "/book/",
    "/_util/",
)
# The edge in front, purged whole on every change (caching.edge, docs/caching.md).
# FRONTEND_CACHE_PURGE_URL names the site's Varnish (deploy/varnish/practice.vcl); other
# backends (CloudFront, Cloudflare) are configured here in Wagtail's shape.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "caching.edge.BanBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        "TIMEOUT": env.float("FRONTEND_CACHE_PURGE_TIMEOUT", default=2.0),
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "security.logging.RequestIdFilter"},
        "once_a_minute": {"()": "security.logging.OncePerInterval", "seconds": 60},
    },
    "formatters": {
        "json": {"()": "security.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": env("LOG_FORMAT", default="json"),
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django.server repeats the access line that practice.access already writes.
        "django.server": {"level": "WARNING"},
        # One line per task state change is noise; failures are still logged.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # A Redis outage fails every cache call: one line a minute says so, with a count.
        "practice.redis": {"level": "WARNING", "filters": ["once_a_minute"]},
    },
}
