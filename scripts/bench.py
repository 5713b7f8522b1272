"""`make bench`: the served site under load on the real stack, against its static ceiling.

1. Builds (or reuses) the benchmark database: `manage.py seed_bench` on BENCH_DATABASE_URL.
2. Starts gunicorn with the production settings and Redis, and warms it up.
3. Drives each target with wrk, from the page cache (anonymous) and rendered (a session
   cookie makes the cache step aside, as for a logged-in user); a static CSS file served by
   the same gunicorn/whitenoise stack is the ceiling.
4. Measures the booking write path through the real form (`manage.py bench_bookings`).
5. Prints one table and writes var/bench/latest.json.
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
PY = sys.executable
OUT = ROOT / "var" / "bench"
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1))


def log(message):
    print(message, file=sys.stderr, flush=True)


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


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def ensure_database(env):
    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    exists = subprocess.run(
        ["psql", admin_url, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", admin_url, "-c", f'CREATE DATABASE "{name}"'], check=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("Installing wrk from Debian's packages...")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(base, process):
    for _ in range(200):
        if process.poll() is not None:
            sys.exit("gunicorn exited while starting")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not become ready")


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


def run_wrk(url, headers=()):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def targets(base, env):
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
    ensure_wrk()
    ensure_database(env)
    log("Migrating and seeding the benchmark database (reused when unchanged)...")
    manage(env, "migrate", "--noinput", "-v0")
    # Seeding indexes articles for search as it goes (no task worker runs during a bench).
    manage(
        {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}, "seed_bench"
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    subprocess.run(
        ["redis-cli", "-n", env["REDIS_URL"].rsplit("/", 1)[1], "flushdb"], capture_output=True
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "HOST": "127.0.0.1"},
    )
    rows = []
    try:
        wait_ready(base, server)
        info, pages = targets(base, env)
        css = info["css"]
        log(f"gunicorn with {WORKERS} workers on {base}; wrk -c{CONNECTIONS} -d{DURATION}s")
        probe = json.loads(manage(env, "bench_probe", *[p for _, p in pages], capture=True))
        for _ in range(3):  # warm every worker's caches and the page cache
            for _, path in pages:
                urllib.request.urlopen(base + path, timeout=30).read()
        log("static ceiling...")
        ceiling = run_wrk(base + css)
        rows.append({"target": "static CSS (ceiling)", "mode": "static", **ceiling})
        for name, path in pages:
            for mode, headers in (("cached", ()), ("rendered", ("Cookie: sessionid=bench",))):
                log(f"{name} ({mode})...")
                result = run_wrk(base + path, headers)
                rows.append(
                    {
                        "target": name,
                        "path": path,
                        "mode": mode,
                        **result,
                        "queries": probe[path]["queries_" + mode],
                        "html_bytes": probe[path]["html_bytes"],
                        "gzip_bytes": probe[path]["gzip_bytes"],
                        "ratio_to_ceiling": round(result["rps"] / ceiling["rps"], 3),
                    }
                )
        log("booking write path...")
        writes = json.loads(
            manage(env, "bench_bookings", "--base", base, "--duration", str(DURATION), capture=True)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    report = {
        "taken_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": {"cores": os.cpu_count(), "workers": int(WORKERS)},
        "connections": CONNECTIONS,
        "duration_s": DURATION,
        "data": info["volume"],
        "targets": rows,
        "bookings": writes,
    }
    (OUT / "latest.json").write_text(json.dumps(report, indent=2))
    print_table(report)


def print_table(report):
    header = (
        f"{'target':<22}{'mode':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'SQL':>5}"
        f"{'HTML B':>9}{'gzip B':>8}{'vs ceil':>9}{'non-2xx':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in report["targets"]:
        print(
            f"{row['target']:<22}{row['mode']:<10}{row['rps']:>9.1f}{row['p50_ms']:>9.2f}"
            f"{row['p99_ms']:>9.2f}{row.get('queries', ''):>5}{row.get('html_bytes', ''):>9}"
            f"{row.get('gzip_bytes', ''):>8}{row.get('ratio_to_ceiling', 1.0):>9.2f}"
            f"{row['non_2xx']:>8}"
        )
    b = report["bookings"]
    print(
        f"\nbookings: {b['bookings']} in {b['seconds']} s = {b['bookings_per_second']}/s, "
        f"errors {b['errors']}, rows in database {b['rows_in_database']} "
        f"({'match' if b['rows_match_responses'] else 'MISMATCH'})"
    )
    print(f"data: {report['data']}")
    print(f"written to {OUT / 'latest.json'}")


if __name__ == "__main__":
    main()
