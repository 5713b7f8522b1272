import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from practice.settings.base import BASE_DIR


def _run_settings(module, extra_env):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update(extra_env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = _run_settings("practice.settings.production", {})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_start_with_secret_key():
    result = _run_settings("practice.settings.production", {"SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def test_time_zone_defaults_to_practice_zone():
    assert os.environ.get("PRACTICE_TIME_ZONE", "America/Los_Angeles") == settings.TIME_ZONE


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits non-zero when a migration is missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()} (exit {exc.code})")


def test_the_cache_namespace_changes_with_the_release(tmp_path, monkeypatch):
    from practice.settings import base

    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<h1>{{ page.title }}</h1>")
    monkeypatch.setattr(base, "BASE_DIR", tmp_path)
    first = base._release_digest()
    assert base._release_digest() == first  # the same code, the same namespace
    template.write_text("<h1 class='title'>{{ page.title }}</h1>")
    assert base._release_digest() != first
