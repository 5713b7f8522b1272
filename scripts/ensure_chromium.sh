#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (never `playwright install`,
# which downloads a browser build and fails on machines without general internet).
exec bash "$(dirname "$0")/ensure_debian_package.sh" "${CHROMIUM_PATH:-/usr/bin/chromium}" chromium "the browser tests"
