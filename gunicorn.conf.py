"""gunicorn settings for `make serve` and the Procfile, each overridable from the environment."""

import os

from security.serving import default_workers, gunicorn_logconfig

# All interfaces by default: the app server sits behind a load balancer or a platform's router.
# HOST=127.0.0.1 narrows it for a server that must not be reached from outside.
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
# WEB_CONCURRENCY wins; otherwise 2 x cores + 1 (gunicorn's rule of thumb), capped at 8.
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers())
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# gunicorn's own lines (start-up, worker restarts, timeouts) as JSON on stdout like the app's.
# Its access log is off by default: Django writes one access line per request
# (practice.access, with the request id); GUNICORN_ACCESS_LOG=true adds gunicorn's, with query
# strings, referrers and headers dropped and link tokens masked.
logconfig_dict = gunicorn_logconfig(
    level=os.environ.get("LOG_LEVEL", "INFO"),
    log_format=os.environ.get("LOG_FORMAT", "json"),
    access_log=os.environ.get("GUNICORN_ACCESS_LOG", "").lower() in ("1", "true", "yes", "on"),
)
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "practice.wsgi:application"
# gunicorn's control socket (gunicornc) is one per user by default ($HOME/.gunicorn): two
# servers of one account (the edge pair, a bench, tests) race for it and log errors. The
# process manager starts and stops the server; GUNICORN_CONTROL_SOCKET=path turns it on.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "") or None
control_socket_disable = control_socket is None
