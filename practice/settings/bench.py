"""`make bench`: the production settings plus the benchmark's commands (the `bench` app).

scripts/bench.py runs its management commands (seed_bench, bench_probe, ...) under these; the
servers it measures run the production settings themselves.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
