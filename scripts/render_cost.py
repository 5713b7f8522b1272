"""Render cost of pages, compared between checkouts: CPU milliseconds and instructions.

`manage.py bench_probe --renders 30` reports one checkout's median CPU per render; CPU time
still drifts when other processes load the machine. This script compares checkouts (say an
exported copy of an older commit and this one) with the same settings:

    .venv/bin/python scripts/render_cost.py --project /tmp/old=postgres://.../old_bench \
        --project . --rounds 3 --renders 30 / /blog/ /blog/some-article/ /offices/santa-monica/

runs each checkout in turn (on its own database after `=`, when an older checkout's models
no longer match the benchmark database: seed one with that checkout's `seed_bench`),
`--rounds` times interleaved, in a fresh process with the
production settings (DEBUG off) and the page cache off, as `bench_probe` does, and prints
the median `time.process_time()` per render. With `--instructions` each process runs under
valgrind's callgrind instead, which counts the instructions a render executes whatever else
the machine does (about 50 times slower, so use fewer renders). The environment is
scripts/bench.py's, with the database, Redis and media taken from BENCH_DATABASE_URL,
RENDER_COST_REDIS_URL and RENDER_COST_MEDIA_ROOT (defaults below).
"""

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def environment(project, release, database=None):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "practice.settings.bench",
        "DATABASE_URL": database
        or os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/practice_bench"
        ),
        "REDIS_URL": os.environ.get("RENDER_COST_REDIS_URL", "redis://127.0.0.1:6379/12"),
        "CACHE_KEY_PREFIX": "render-cost",
        # Each checkout its own release: their cached fragments never meet.
        "RELEASE_ID": release,
        "SECRET_KEY": "render-cost-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(Path(project) / "var" / "bench" / "static"),
        "MEDIA_ROOT": os.environ.get("RENDER_COST_MEDIA_ROOT", str(ROOT / "var/bench/media")),
        "LOG_LEVEL": "WARNING",
        "PYTHONHASHSEED": "0",  # the same dict and set orders in every run
    }


def worker(paths, renders, cold=False):
    """In the checkout's process: render each path `renders` times with the page cache off.

    os.getppid() marks the start and end of each path's loop: under callgrind
    (--dump-before=getppid) every mark closes one dump of counts, so the loops' dumps hold
    the renders alone, without start-up or warming. `cold` empties the cache before each
    render (outside the timing): no cached fragments, no stored rendition lookups.
    """
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    results = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for path in paths:
            cache.clear()
            client = Client(HTTP_HOST="127.0.0.1")
            for _ in range(2):  # fill the caches a running server has filled
                response = client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            # Count now: the next request's request_started signal clears the query log.
            query_count = len(queries)
            if response.status_code != 200:
                sys.exit(f"{path} answered {response.status_code}")
            samples = []
            os.getppid()
            for _ in range(renders):
                if cold:
                    cache.clear()
                started = time.process_time()
                client.get(path)
                samples.append((time.process_time() - started) * 1000)
            os.getppid()
            results[path] = {
                "cpu_ms": statistics.median(samples),
                "queries": query_count,
                "bytes": len(response.content),
            }
    return results


def run_checkout(project, paths, renders, instructions, cold=False):
    project, _, database = project.partition("=")
    project = Path(project).resolve()
    python = project / ".venv" / "bin" / "python"
    release = "render-cost-" + project.name
    command = [str(python), str(Path(__file__).resolve()), "--worker", *paths]
    command += ["--renders", str(renders)] + (["--cold"] if cold else [])
    with tempfile.TemporaryDirectory() as out:
        if instructions:
            command = [
                "valgrind",
                "--tool=callgrind",
                "--dump-before=getppid",
                f"--callgrind-out-file={out}/cg.%p",
                *command,
            ]
        finished = subprocess.run(
            command,
            cwd=project,
            env=environment(project, release, database),
            capture_output=True,
            text=True,
            check=False,
        )
        if finished.returncode:
            sys.exit(f"{project}: {finished.stderr[-3000:]}")
        results = json.loads(finished.stdout.strip().splitlines()[-1])
        if instructions:
            # Dumps are numbered from 1: start-up and the first warming, then for each path
            # its loop and the next path's warming (even numbers are the loops).
            dumps = sorted(glob.glob(f"{out}/cg.*.*"), key=lambda p: int(p.rsplit(".", 1)[1]))
            for index, path in enumerate(paths):
                total = _instructions(dumps[2 * index + 1])
                results[path]["instructions_m"] = total / renders / 1e6
    return results


def _instructions(dump):
    with open(dump) as lines:
        for line in lines:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise ValueError(f"no totals in {dump}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--project", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--cold", action="store_true", help="empty the cache before each render")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, os.getcwd())
        print(json.dumps(worker(args.paths, args.renders, args.cold)))
        return
    projects = args.project or [str(ROOT)]
    measured = {project: [] for project in projects}
    for round_number in range(args.rounds):
        for project in projects:
            results = run_checkout(project, args.paths, args.renders, args.instructions, args.cold)
            measured[project].append(results)
            print(f"round {round_number + 1} {project}: {json.dumps(results)}", file=sys.stderr)
    metric = "instructions_m" if args.instructions else "cpu_ms"
    unit = "M instructions" if args.instructions else "CPU ms"
    print(f"| path | {' | '.join(f'{p} {unit}' for p in projects)} | last / first | SQL |")
    print("| --- |" + " ---: |" * (len(projects) + 2))
    for path in args.paths:
        medians = [
            statistics.median(run[path][metric] for run in measured[project])
            for project in projects
        ]
        cells = [
            " / ".join(f"{run[path][metric]:.1f}" for run in measured[project])
            for project in projects
        ]
        queries = " / ".join(str(measured[p][0][path]["queries"]) for p in projects)
        print(f"| {path} | {' | '.join(cells)} | {medians[-1] / medians[0]:.2f} | {queries} |")


if __name__ == "__main__":
    main()
