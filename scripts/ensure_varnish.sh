#!/usr/bin/env bash
# Make sure Debian's Varnish is installed for the edge tests and `make serve-edge`
# (tests/practice/test_edge_cache.py starts varnishd itself; the system service is never used).
set -uo pipefail
VARNISHD="${VARNISHD:-/usr/sbin/varnishd}"
if [ -x "$VARNISHD" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's varnish for the edge tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null
fi
if [ -x "$VARNISHD" ]; then
  exit 0
fi
echo "WARNING: Varnish is not installed at $VARNISHD; the edge tests will be skipped." >&2
echo "         Install it with: sudo apt-get install varnish" >&2
# In CI a missing Varnish is a failure, not a skip.
if [ -n "${CI:-}" ]; then
  exit 1
fi
exit 0
