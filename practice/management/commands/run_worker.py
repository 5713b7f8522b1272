"""The task worker as production runs it: django-tasks-db's `db_worker`, kept alive through
database outages.

`db_worker` exits on the first refused database connection. This loop runs it in batches
(`db_worker --batch`: every ready task, then back here), waits `--interval` seconds when
there is nothing to do, and when PostgreSQL is unreachable logs it, drops the dead
connections and tries again with a growing wait (1, 2, 4 ... `--max-backoff` seconds), so
sending resumes by itself once the database is back. Between batches it hands emails whose
worker died mid-send to a new task (consultations.notifications.retry_abandoned). SIGTERM
or Ctrl-C stops it after the task in hand, as with `db_worker`.
"""

import contextlib
import logging
import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from consultations.notifications import retry_abandoned
from security.outage import DATABASE_UNAVAILABLE, lift_statement_timeout

logger = logging.getLogger("practice.worker")


class Command(BaseCommand):
    help = "Run the background task worker, restarting it with backoff after database errors."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait when idle."
        )
        parser.add_argument(
            "--max-backoff",
            type=float,
            default=30.0,
            help="Longest wait between attempts while the database is unreachable.",
        )
        parser.add_argument(
            "--abandoned-every",
            type=float,
            default=15.0,
            help="Seconds between looks for emails whose worker died mid-send.",
        )

    def handle(self, *, queue_name, interval, max_backoff, abandoned_every, verbosity, **options):
        # Tasks may run long statements (search index updates, purges): no web timeout here.
        lift_statement_timeout()
        failures = 0
        next_look = 0.0
        while True:
            try:
                if time.monotonic() >= next_look:
                    retry_abandoned()
                    next_look = time.monotonic() + abandoned_every
                call_command(
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--no-reload",
                    f"--queue-name={queue_name}",
                    verbosity=verbosity,
                    stdout=self.stdout,
                    stderr=self.stderr,
                )
            except DATABASE_UNAVAILABLE as error:
                failures += 1
                wait = min(max_backoff, 2 ** min(failures - 1, 16)) * random.uniform(0.8, 1.2)  # noqa: S311
                logger.warning(
                    "database unavailable (%s), attempt %s: worker retries in %.1f s",
                    type(error).__name__,
                    failures,
                    wait,
                )
                # A dead connection may fail to close; it is dropped all the same.
                with contextlib.suppress(*DATABASE_UNAVAILABLE):
                    connections.close_all()
                time.sleep(wait)
                continue
            if failures:
                logger.warning("database reachable again after %s failed attempt(s)", failures)
                failures = 0
            time.sleep(interval)
