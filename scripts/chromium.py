"""How Debian's Chromium is started here, for the browser tests, `make screenshots` and
`make lighthouse` alike: the flags a root, offline machine needs (each launch adds a fresh
--user-data-dir)."""

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
