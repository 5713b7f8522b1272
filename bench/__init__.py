"""Benchmark tooling for `make bench` (scripts/bench.py): the data set and the measuring commands.

Never shipped: production settings do not install this app; practice.settings.bench (production
plus this app), dev and test settings do.
"""
