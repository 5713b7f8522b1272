"""Structured (JSON) log lines on stdout, each carrying the id of the request it belongs to.

Log messages must never carry personal data: names, emails, phones or messages. Paths are
logged without query strings, and secret link tokens are masked.
"""

import contextvars
import json
import logging
import re
import threading
import time

request_id_var = contextvars.ContextVar("request_id", default="-")

# The self-service links carry a signed token in the path, a bearer credential: mask it in
# every log line. The token may end the path or be followed by a slash or a query string.
# (A backslash ends it too: in JSON-escaped text a quote arrives as \".)
_TOKEN_SEGMENT = re.compile(r"/(manage|confirmation|calendar)/[^/\s?#\"'\\]+")


def mask_path(path: str) -> str:
    return _TOKEN_SEGMENT.sub(r"/\1/<token>", path)


def mask_record(record):
    """Mask link tokens in a record's message, path and exception text, in place.

    Django's own lines ("Not Found: /book/manage/<token>/", CSRF refusals, tracebacks) carry
    the raw path, so masking only the access log's path is not enough.
    """
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = mask_path(record.exc_text)
    if isinstance(getattr(record, "path", None), str):
        record.path = mask_path(record.path)
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a filter must never raise
        # A message's own __str__ can raise anything; a malformed record is the handler's to
        # report, not ours.
        return
    masked = mask_path(message)
    if masked != message:
        record.msg, record.args = masked, ()


class RequestIdFilter(logging.Filter):
    """Stamp each record with its request id, and mask link tokens before any formatter runs."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        mask_record(record)
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("method", "path", "status", "duration_ms")

    def format(self, record):
        mask_record(record)  # also when a handler was set up without RequestIdFilter
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for field in self.FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, default=str)


class OncePerInterval(logging.Filter):
    """Let one record through per `seconds` and drop the rest, counting them: an outage that
    fails every request (a Redis cut) writes a line a minute, not one per request. The line
    that gets through says how many were dropped before it."""

    def __init__(self, seconds=60, clock=None):
        super().__init__()
        self.seconds = seconds
        self._clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._last = None
        self._dropped = 0

    def filter(self, record):
        now = self._clock()
        with self._lock:
            if self._last is not None and now - self._last < self.seconds:
                self._dropped += 1
                return False
            self._last, dropped, self._dropped = now, self._dropped, 0
        if dropped:
            record.msg = f"{record.msg} ({dropped} more like it in the last interval)"
        return True
