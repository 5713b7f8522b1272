#!/usr/bin/env bash
# Make sure Debian's Varnish is installed for the edge tests and `make serve-edge`
# (tests/caching/test_edge_cache.py starts varnishd itself; the system service is never used).
exec bash "$(dirname "$0")/ensure_debian_package.sh" "${VARNISHD:-/usr/sbin/varnishd}" varnish "the edge tests"
