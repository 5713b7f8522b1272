"""`make bench`: the served site under load on the real stack, against its static ceiling.

1. Builds (or reuses) the benchmark database: `manage.py seed_bench` on BENCH_DATABASE_URL.
2. Starts gunicorn with the production settings and Redis, and warms it up.
3. Drives each target with wrk, from the page cache (anonymous) and rendered (a second
   gunicorn with PAGE_CACHE_ENABLED=false, so nothing about the request changes); a static
   CSS file served by the same gunicorn/whitenoise stack is the ceiling. Then the cached
   pages and the CSS file again through Varnish (deploy/varnish/practice.vcl, as `make
   serve-edge` runs it) in front of a third gunicorn that purges it. Every request asks for
   gzip or Brotli as browsers do, and the table shows the bytes each page is served in.
4. Times the staff admin screens at volume, signed in (`manage.py bench_admin`), and the
   booking write path through the real form (`manage.py bench_bookings`).
5. Prints one table and writes var/bench/latest.json.

Exits non-zero, after printing what it measured, when a booking failed, the rows in the
database do not match the successful bookings, or any target answered anything but 2xx. A
run slower than its 10-minute budget (a busy machine) says so and still passes; only a step
that hangs past HANG_S is stopped, as a failure. Every process it starts is stopped.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import edge  # noqa: E402 - needs ROOT on the path
from security.serving import default_workers  # noqa: E402 - needs ROOT on the path

PY = sys.executable
OUT = ROOT / "var" / "bench"
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
# The production default (gunicorn.conf.py) for this machine, unless asked otherwise.
WORKERS = os.environ.get("BENCH_WORKERS") or str(default_workers())
BUDGET_S = int(os.environ.get("BENCH_BUDGET_SECONDS", str(10 * 60)))
# A step that takes longer than this hangs: the run stops there, as a failure.
HANG_S = int(os.environ.get("BENCH_HANG_SECONDS", str(30 * 60)))
# What a browser sends: compressed pages (Brotli from the app or Varnish, br files from
# whitenoise) are what visitors get.
ACCEPT_ENCODING = "gzip, deflate, br"
STARTED = time.monotonic()


class BenchFailed(Exception):
    """A measured failure: the run still reports what it saw, then exits non-zero."""


def log(message):
    print(message, file=sys.stderr, flush=True)


def elapsed():
    return time.monotonic() - STARTED


def remaining(at_most=None):
    """A step's timeout: its own limit, or HANG_S (the budget only reports slowness)."""
    return min(HANG_S, at_most) if at_most else HANG_S


def server_env():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "practice.settings.production",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/practice_bench"
        ),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        "CACHE_KEY_PREFIX": "bench",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(OUT / "static"),
        "MEDIA_ROOT": str(OUT / "media"),
        "WEB_CONCURRENCY": WORKERS,
        "LOG_LEVEL": "WARNING",
        "BOOKING_MIN_FILL_SECONDS": "0",
        # Each bench client sends its own X-Forwarded-For, so the per-IP limit stays real.
        "TRUSTED_PROXY_COUNT": "1",
        "BOOKING_RATE_LIMIT": "1000",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
    }
    return env


def run(command, *, timeout=None, **kwargs):
    """subprocess.run within the run's budget: a step that hangs fails the bench, clearly."""
    try:
        return subprocess.run(command, timeout=remaining(timeout), **kwargs)
    except subprocess.TimeoutExpired as error:
        raise BenchFailed(
            f"{' '.join(map(str, command[:3]))} ... did not finish in {error.timeout:.0f} s "
            f"({elapsed():.0f} s into the run)"
        ) from error


def manage(env, *args, capture=False, timeout=None):
    """manage.py under the bench settings: production's, plus the bench app's commands."""
    result = run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "practice.settings.bench"},
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        timeout=timeout,
    )
    return result.stdout


def ensure_database(env):
    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    exists = run(
        ["psql", admin_url, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout.strip()
    if not exists:
        run(["psql", admin_url, "-c", f'CREATE DATABASE "{name}"'], check=True, timeout=60)


# The commands the bench runs, and the Debian package that provides each.
TOOLS = {
    "wrk": "wrk",
    "psql": "postgresql-client",
    "redis-cli": "redis-tools",
    "varnishd": "varnish",
}


def ensure_tools():
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        packages = sorted({TOOLS[tool] for tool in missing})
        log(f"Installing {', '.join(packages)} from Debian's packages...")
        run(["apt-get", "update", "-qq"], check=False, timeout=300)
        run(["apt-get", "install", "-y", "-qq", *packages], check=True, timeout=300)
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        packages = " ".join(sorted({TOOLS[tool] for tool in missing}))
        sys.exit(f"make bench needs {', '.join(missing)}: apt-get install {packages}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, **extra):
    """gunicorn on a free loopback port: (base URL, process)."""
    port = free_port()
    process = subprocess.Popen(
        [PY, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, **extra, "PORT": str(port), "HOST": "127.0.0.1"},
    )
    return f"http://127.0.0.1:{port}", process


def stop(process):
    """Ask politely (gunicorn drains its workers), then insist."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        log(f"process {process.pid} ignored SIGTERM for 30 s; killing it")
        process.kill()
        process.wait(timeout=10)


def wait_ready(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchFailed(f"gunicorn on {base} exited while starting")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise BenchFailed(f"gunicorn on {base} did not become ready in {timeout} s")


def parse_wrk(output):
    def ms(value):
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": round(rps, 1),
        "p50_ms": round(p50, 2),
        "p99_ms": round(p99, 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def run_wrk(url):
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{DURATION}s",
        "--latency",
        "-H",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
        url,
    ]
    # wrk stops itself after DURATION; the margin covers start-up and slow last responses.
    output = run(command, capture_output=True, text=True, check=True, timeout=DURATION + 30)
    return parse_wrk(output.stdout)


def served(url):
    """(bytes on the wire, Content-Encoding) of one response, asked for as a browser does."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": ACCEPT_ENCODING})
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(response.read()), response.headers.get("Content-Encoding", "identity")


def targets(env):
    info = json.loads(manage(env, "bench_targets", capture=True))
    return info, [
        ("home", "/"),
        ("blog index p1", info["blog_index"]),
        ("blog index p50", info["blog_index"] + "?page=50"),
        ("article", info["article"]),
        ("category", info["category"]),
        ("search", "/search/?q=eyelid"),
        ("offices index", info["offices_index"]),
        ("office page", info["office"]),
        ("booking times", info["booking_times"]),
    ]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    env = server_env()
    ensure_tools()
    ensure_database(env)
    log("Migrating and seeding the benchmark database (reused when unchanged)...")
    manage(env, "migrate", "--noinput", "-v0")
    # Seeding indexes articles for search as it goes (no task worker runs during a bench).
    manage(
        {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}, "seed_bench"
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    run(
        ["redis-cli", "-n", env["REDIS_URL"].rsplit("/", 1)[1], "flushdb"],
        capture_output=True,
        timeout=30,
    )

    servers = []
    rows = []
    varnish_workdir = None
    try:
        # Two servers, alike but for the page cache: wrk's requests are identical for both.
        cached_base, process = start_server(env)
        servers.append(process)
        rendered_base, process = start_server(env, PAGE_CACHE_ENABLED="false")
        servers.append(process)
        # A third behind Varnish, purging it (so its pages say how long Varnish may keep them).
        varnish_port = free_port()
        edge_base = f"http://127.0.0.1:{varnish_port}"
        backend_base, process = start_server(
            env, FRONTEND_CACHE_PURGE_URL=edge_base + "/", TRUSTED_PROXY_COUNT="2"
        )
        servers.append(process)
        varnish, varnish_workdir = edge.start_varnish(
            f"127.0.0.1:{varnish_port}", edge.vcl(backend_base.rsplit(":", 1)[1])
        )
        servers.append(varnish)
        for base, process in zip((cached_base, rendered_base, backend_base), servers, strict=False):
            wait_ready(base, process)
        wait_ready(edge_base, varnish)
        info, pages = targets(env)
        css = info["css"]
        log(f"gunicorn with {WORKERS} workers; wrk -c{CONNECTIONS} -d{DURATION}s")
        probe = json.loads(manage(env, "bench_probe", *[p for _, p in pages], capture=True))
        for _ in range(3):  # warm every worker's caches, the page cache and Varnish
            for base in (cached_base, rendered_base, edge_base):
                for _, path in pages:
                    urllib.request.urlopen(base + path, timeout=30).read()
        log("static ceiling...")
        ceiling = run_wrk(cached_base + css)
        rows.append(
            {
                "target": "static CSS (ceiling)",
                "mode": "static",
                **ceiling,
                "served_bytes": served(cached_base + css)[0],
            }
        )
        for name, path in pages:
            size, coding = served(cached_base + path)
            modes = [("cached", cached_base), ("rendered", rendered_base)]
            if name != "booking times":  # private: Varnish passes it to the app
                modes.append(("varnish", edge_base))
            for mode, base in modes:
                log(f"{name} ({mode})...")
                result = run_wrk(base + path)
                rows.append(
                    {
                        "target": name,
                        "path": path,
                        "mode": mode,
                        **result,
                        "queries": probe[path][
                            "queries_" + ("rendered" if mode == "rendered" else "cached")
                        ],
                        "html_bytes": probe[path]["html_bytes"],
                        "gzip_bytes": probe[path]["gzip_bytes"],
                        "served_bytes": size if mode != "rendered" else probe[path]["html_bytes"],
                        "served_encoding": coding if mode != "rendered" else "identity",
                        # Serial CPU per render, in-process with the page cache off.
                        "cpu_ms": probe[path]["cpu_ms_rendered"] if mode == "rendered" else None,
                        "ratio_to_ceiling": round(result["rps"] / ceiling["rps"], 3),
                    }
                )
        log("static CSS through Varnish...")
        result = run_wrk(edge_base + css)
        rows.append(
            {
                "target": "static CSS",
                "mode": "varnish",
                **result,
                "served_bytes": served(edge_base + css)[0],
                "ratio_to_ceiling": round(result["rps"] / ceiling["rps"], 3),
            }
        )
        log("staff admin screens...")
        admin = json.loads(manage(env, "bench_admin", capture=True, timeout=300))
        log("booking write path...")
        writes = json.loads(
            manage(
                env,
                "bench_bookings",
                "--base",
                cached_base,
                "--duration",
                str(DURATION),
                capture=True,
                timeout=DURATION + 120,
            )
        )
    finally:
        for process in servers:
            stop(process)
        if varnish_workdir:
            shutil.rmtree(varnish_workdir, ignore_errors=True)

    report = {
        "taken_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "accept_encoding": ACCEPT_ENCODING,
        "machine": {"cores": os.cpu_count(), "workers": int(WORKERS)},
        "connections": CONNECTIONS,
        "duration_s": DURATION,
        "data": info["volume"],
        "targets": rows,
        "admin": admin,
        "bookings": writes,
        "elapsed_s": round(elapsed(), 1),
        "budget_s": BUDGET_S,
    }
    report["failures"] = failures(report)
    (OUT / "latest.json").write_text(json.dumps(report, indent=2))
    print_table(report)
    if report["failures"]:
        raise BenchFailed("; ".join(report["failures"]))


def failures(report):
    """What makes the run fail: the write path's guarantees, errors under load. (Time over
    the budget is reported, not failed: the figures say how busy the machine was.)"""
    found = []
    bookings = report["bookings"]
    if bookings["errors"]:
        found.append(f"{bookings['errors']} booking(s) failed {bookings['error_codes']}")
    if not bookings["rows_match_responses"]:
        found.append(
            f"{bookings['rows_in_database']} rows in the database for "
            f"{bookings['bookings']} successful bookings"
        )
    for row in report["targets"]:
        if row["non_2xx"]:
            found.append(f"{row['target']} ({row['mode']}): {row['non_2xx']} non-2xx responses")
    for name, row in report.get("admin", {}).items():
        if name != "volume" and row["status"] != 200:
            found.append(f"admin {name}: status {row['status']}")
    return found


def print_table(report):
    header = (
        f"{'target':<22}{'mode':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'SQL':>5}"
        f"{'HTML B':>9}{'gzip B':>8}{'served B':>10}{'vs ceil':>9}{'CPU ms':>8}{'non-2xx':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in report["targets"]:
        print(
            f"{row['target']:<22}{row['mode']:<10}{row['rps']:>9.1f}{row['p50_ms']:>9.2f}"
            f"{row['p99_ms']:>9.2f}{row.get('queries', ''):>5}{row.get('html_bytes', ''):>9}"
            f"{row.get('gzip_bytes', ''):>8}{row.get('served_bytes', ''):>10}"
            f"{row.get('ratio_to_ceiling', 1.0):>9.2f}{row.get('cpu_ms') or '':>8}"
            f"{row['non_2xx']:>8}"
        )
    print(f"\n{'admin screen (signed in)':<26}{'SQL':>5}{'CPU ms':>9}{'wall ms':>9}")
    for name, row in report["admin"].items():
        if name != "volume":
            print(f"{name:<26}{row['queries']:>5}{row['cpu_ms']:>9}{row['wall_ms']:>9}")
    b = report["bookings"]
    print(
        f"\nbookings: {b['bookings']} in {b['seconds']} s = {b['bookings_per_second']}/s, "
        f"errors {b['errors']}, rows in database {b['rows_in_database']} "
        f"({'match' if b['rows_match_responses'] else 'MISMATCH'})"
    )
    print(f"data: {report['data']}")
    over = report["elapsed_s"] > report["budget_s"]
    note = " - SLOWER THAN ITS BUDGET (a busy machine?)" if over else ""
    print(f"total time: {report['elapsed_s']:.0f} s (budget {report['budget_s']} s){note}")
    print(f"written to {OUT / 'latest.json'}")


if __name__ == "__main__":
    try:
        main()
    except BenchFailed as error:
        sys.exit(f"make bench FAILED after {elapsed():.0f} s: {error}")
    except subprocess.CalledProcessError as error:
        sys.exit(f"make bench FAILED after {elapsed():.0f} s: {error}")
