#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (never `playwright install`,
# which downloads a browser build and fails on machines without general internet).
set -uo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "WARNING: Chromium is not installed at $CHROMIUM; browser tests will be skipped." >&2
echo "         Install it with: sudo apt-get install chromium" >&2
# In CI a missing browser is a failure, not a skip.
if [ -n "${CI:-}" ]; then
  exit 1
fi
exit 0
