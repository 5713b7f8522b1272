"""Varnish in front of gunicorn: `make serve-edge`, and the helpers the edge tests and
`make bench` use to start the same pair (docs/deployment.md, "Varnish in front").

`make serve-edge` runs gunicorn (the production settings, as `make serve`) on loopback at
BACKEND_PORT (default PORT + 1) and Varnish (Debian's `varnishd`, deploy/varnish/practice.vcl)
on HOST:PORT, with FRONTEND_CACHE_PURGE_URL pointing the app's purges at that Varnish and
TRUSTED_PROXY_COUNT counting it, unless they are set. Ctrl-C (or SIGTERM) stops both; if
either exits, the other is stopped too.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "practice.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
# The app compresses cached pages itself (gzip and Brotli); Varnish keeps them as they are.
VARNISH_PARAMS = ("-p", "http_gzip_support=off")


def vcl(backend_port, backend_host="127.0.0.1", purgers=("127.0.0.1", "::1")):
    """The repository's VCL with its backend and the addresses allowed to purge replaced."""
    text = VCL.read_text()
    text = re.sub(r'\.host = "[^"]*";', f'.host = "{backend_host}";', text, count=1)
    text = re.sub(r'\.port = "[^"]*";', f'.port = "{backend_port}";', text, count=1)
    acl = "".join(f'    "{address}";\n' for address in purgers)
    return re.sub(r"(acl purgers \{\n)(.*?)(\})", rf"\g<1>{acl}\g<3>", text, count=1, flags=re.S)


def start_varnish(listen, vcl_text, storage="malloc,256m", log=None):
    """varnishd in the foreground (-F), as a child of this process, in a private working
    directory (never the system service): (process, working directory)."""
    workdir = Path(tempfile.mkdtemp(prefix="practice-varnish-"))
    # Run as root, varnishd's worker drops to Debian's `vcache` user, which must read it.
    workdir.chmod(0o755)
    (workdir / "practice.vcl").write_text(vcl_text)
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-n",
            str(workdir / "instance"),
            "-a",
            listen,
            "-f",
            str(workdir / "practice.vcl"),
            "-s",
            storage,
            *VARNISH_PARAMS,
        ],
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    return process, workdir


def wait_for(url, process, timeout=60):
    """Until `url` answers at all (any status), or fail saying which process gave up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def stop(process, grace=20):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def serve():
    if not os.path.exists(VARNISHD):
        sys.exit("make serve-edge needs Varnish: apt-get install varnish")
    port = int(os.environ.get("PORT", "8000"))
    backend_port = int(os.environ.get("BACKEND_PORT") or port + 1)
    host = os.environ.get("HOST", "0.0.0.0")  # noqa: S104 - Varnish faces the network
    env = {
        **os.environ,
        "FRONTEND_CACHE_PURGE_URL": os.environ.get(
            "FRONTEND_CACHE_PURGE_URL", f"http://127.0.0.1:{port}/"
        ),
        # Varnish appends the visitor's address to X-Forwarded-For: one more proxy to count.
        "TRUSTED_PROXY_COUNT": os.environ.get("TRUSTED_PROXY_COUNT", "1"),
        "HOST": "127.0.0.1",
        "PORT": str(backend_port),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"], cwd=ROOT, env=env
    )
    varnish, _ = start_varnish(
        f"{host}:{port}",
        vcl(backend_port),
        storage=os.environ.get("VARNISH_STORAGE", "malloc,256m"),
        log=sys.stderr,
    )
    print(f"Varnish on {host}:{port} in front of gunicorn on 127.0.0.1:{backend_port}", flush=True)

    def shut_down(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, shut_down)
    try:
        while app.poll() is None and varnish.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0  # asked to stop: both are stopped below, whatever they exit with
    finally:
        stop(varnish)
        stop(app)
    # One of them exited on its own: say so with its status.
    return app.returncode or varnish.returncode or 1


if __name__ == "__main__":
    sys.exit(serve())
