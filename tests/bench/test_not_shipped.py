"""The benchmark tooling is not part of the shipped site."""

import json
import os
import subprocess
import sys

from practice.settings.base import BASE_DIR

PROBE = """
import json
import django
from django.conf import settings
from django.core.management import get_commands

django.setup()
print(json.dumps({"apps": settings.INSTALLED_APPS, "commands": sorted(get_commands())}))
"""


def _installed_under(settings_module):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "SECRET_KEY": "x" * 50}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_settings_do_not_install_the_bench_app_or_its_commands():
    installed = _installed_under("practice.settings.production")
    assert "bench" not in installed["apps"]
    assert "seed_bench" not in installed["commands"]
    assert not [c for c in installed["commands"] if c.startswith("bench_")]


def test_the_bench_settings_are_production_plus_the_bench_app():
    production = _installed_under("practice.settings.production")
    bench = _installed_under("practice.settings.bench")
    assert bench["apps"] == [*production["apps"], "bench"]
    assert {"seed_bench", "bench_probe", "bench_targets", "bench_bookings", "bench_admin"} <= set(
        bench["commands"]
    )
