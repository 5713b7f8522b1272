"""How gunicorn runs the site: its worker count and its log lines (gunicorn.conf.py, make bench).

Kept out of gunicorn.conf.py so the benchmark and the tests use the very same rules.
"""

import logging
import os
import re
from collections.abc import Mapping

from security.logging import JsonFormatter, mask_path

MAX_WORKERS = 8


def default_workers(cores=None):
    """gunicorn's rule of thumb, 2 x cores + 1, capped: more workers than that only queue on
    the database and Redis, and each costs memory."""
    cores = cores or os.cpu_count() or 1
    return min(2 * cores + 1, MAX_WORKERS)


# gunicorn's error lines name the request ("Error handling request GET /book/manage/<token>")
# and its tracebacks repeat the path: mask any link token, and drop query strings.
_QUERY_AFTER_METHOD = re.compile(
    r"\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) ([^\s?\"]*)\?[^\s\"]*"
)


def mask_line(text):
    text = _QUERY_AFTER_METHOD.sub(r"\1 \2", text)
    return mask_path(text)


class MaskedJsonFormatter(JsonFormatter):
    """The app's JSON lines, with link tokens masked wherever gunicorn put them."""

    def format(self, record):
        return mask_line(super().format(record))


class MaskedFormatter(logging.Formatter):
    def format(self, record):
        return mask_line(super().format(record))


class AccessLogFilter(logging.Filter):
    """Turn gunicorn's access record into the fields the app's own access line has.

    gunicorn hands the formatter every request and response header and the WSGI environ
    (cookies, referrer, query string): all of that is dropped, and link tokens are masked.
    """

    def filter(self, record):
        atoms = record.args if isinstance(record.args, Mapping) else {}
        status = atoms.get("s")
        record.method = atoms.get("m") or "-"
        record.path = mask_path(atoms.get("U") or "-")
        record.status = int(str(status)) if str(status).isdigit() else status
        record.duration_ms = round((atoms.get("D") or 0) / 1000, 1)
        record.request_id = atoms.get("{x-request-id}o", "-")
        record.msg, record.args = "request", ()
        return True


def gunicorn_logconfig(level="INFO", log_format="json", access_log=False):
    """gunicorn's own logs as the app writes them: one JSON object a line, on stdout.

    The access log is off unless asked for: the app already writes one access line per
    request (practice.access) with its request id.
    """
    formatters = {
        "json": {"()": MaskedJsonFormatter},
        "plain": {"()": MaskedFormatter, "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    }

    def stdout(*filters):
        return {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": log_format if log_format in formatters else "json",
            "filters": list(filters),
        }

    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": formatters,
        "filters": {"access": {"()": AccessLogFilter}},
        "handlers": {"stdout": stdout(), "access": stdout("access")},
        "root": {"level": level, "handlers": ["stdout"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["stdout"], "propagate": False},
            "gunicorn.access": {
                "level": "INFO" if access_log else "CRITICAL",
                "handlers": ["access"] if access_log else [],
                "propagate": False,
            },
        },
    }
