"""Measure SQL queries and page weight per URL, in-process (used by `make bench`).

For each URL: queries for a rendered response (page cache off, as on the bench's rendering
server), queries for a cached response (a second anonymous request), HTML bytes and gzip
bytes. Prints JSON.
"""

import gzip
import json

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Print JSON with SQL query counts and HTML sizes for the given paths."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")

    def handle(self, *args, paths, **options):
        results = {}
        for path in paths:
            cache.clear()
            rendered = Client(HTTP_HOST="127.0.0.1")
            with override_settings(PAGE_CACHE_ENABLED=False):
                rendered.get(path)  # warm per-process caches (settings, footer) as a server has
                with CaptureQueriesContext(connection) as rendered_queries:
                    response = rendered.get(path)
                # Count now: the next request's request_started signal clears the query log.
                rendered_count = len(rendered_queries)
            anonymous = Client(HTTP_HOST="127.0.0.1")
            anonymous.get(path)
            with CaptureQueriesContext(connection) as cached_queries:
                cached = anonymous.get(path)
            cached_count = len(cached_queries)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            results[path] = {
                "status": response.status_code,
                "queries_rendered": rendered_count,
                "queries_cached": cached_count,
                "cache": cached.get("X-Page-Cache", "bypass"),
                "html_bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, compresslevel=6)),
            }
        self.stdout.write(json.dumps(results))
