"""Structured (JSON) log lines on stdout, each carrying the id of the request it belongs to.

Log messages must never carry personal data: names, emails, phones or messages. Paths are
logged without query strings, and secret link tokens are masked.
"""

import contextvars
import json
import logging
import re

request_id_var = contextvars.ContextVar("request_id", default="-")

# The self-service links carry a signed token in the path: mask it in logs.
_TOKEN_SEGMENT = re.compile(r"/(manage|confirmation|calendar)/[^/]+/")


def mask_path(path: str) -> str:
    return _TOKEN_SEGMENT.sub(r"/\1/<token>/", path)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("method", "path", "status", "duration_ms")

    def format(self, record):
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
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)
