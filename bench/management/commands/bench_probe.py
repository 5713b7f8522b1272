"""Measure SQL queries, page weight and render CPU per URL, in-process (used by `make bench`).

For each URL: queries for a rendered response (page cache off, as on the bench's rendering
server), queries for a cached response (a second anonymous request), HTML bytes and gzip
bytes, and the median CPU milliseconds of one render (`time.process_time()` around each of
`--renders` requests with the page cache off, after a warming one). CPU time, unlike wall
time, hardly moves when other processes load the machine. Prints JSON.
"""

import gzip
import json
import statistics
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


def cpu_ms_per_request(client, path, renders):
    """The median CPU milliseconds this process spends answering `path`, over `renders`."""
    samples = []
    for _ in range(renders):
        started = time.process_time()
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        samples.append((time.process_time() - started) * 1000)
    return round(statistics.median(samples), 2)


class Command(BaseCommand):
    help = "Print JSON with SQL query counts, HTML sizes and render CPU for the given paths."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument(
            "--renders",
            type=int,
            default=30,
            help="Renders per path for the CPU median (0 skips the measurement).",
        )

    def handle(self, *args, paths, renders, **options):
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
                cpu_ms = cpu_ms_per_request(rendered, path, renders) if renders else None
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
                "cpu_ms_rendered": cpu_ms,
            }
        self.stdout.write(json.dumps(results))
