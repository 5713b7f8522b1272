#!/usr/bin/env bash
# Make sure a Debian package the suite drives is installed: ensure_debian_package.sh BINARY
# PACKAGE PURPOSE. Installs it with apt-get when run as root; otherwise warns. In CI a missing
# binary is a failure, not a skip (the tests that need it fail there too).
set -uo pipefail
BINARY="$1" PACKAGE="$2" PURPOSE="$3"
if [ -x "$BINARY" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's $PACKAGE for $PURPOSE..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PACKAGE" >/dev/null
fi
if [ -x "$BINARY" ]; then
  exit 0
fi
echo "WARNING: $PACKAGE is not installed at $BINARY; $PURPOSE will be skipped." >&2
echo "         Install it with: sudo apt-get install $PACKAGE" >&2
if [ -n "${CI:-}" ]; then
  exit 1
fi
exit 0
