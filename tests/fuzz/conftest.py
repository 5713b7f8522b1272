"""Hypothesis profiles for the fuzz suite.

`make test` runs the bounded, derandomized "ci" profile (the same examples every run, so a
failure reproduces); `make fuzz` runs the "long" profile with random examples, many more of
them (HYPOTHESIS_PROFILE=long).
"""

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # speed is the benchmark's business, never a test's
    # The Django client and the database are per test, shared by its examples on purpose: each
    # example's effect is measured against the rows before it.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("ci", max_examples=30, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
