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


def test_the_code_digest_changes_with_the_release(tmp_path):
    from caching import release

    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<h1>{{ page.title }}</h1>")
    first = release.code_digest(tmp_path)
    assert release.code_digest(tmp_path) == first  # the same code, the same namespace
    template.write_text("<h1 class='title'>{{ page.title }}</h1>")
    assert release.code_digest(tmp_path) != first


def test_the_release_id_comes_from_the_environment_then_the_build(tmp_path, monkeypatch):
    from caching import release

    def no_hashing(base_dir):
        raise AssertionError("settings must not hash the code when they load")

    monkeypatch.setattr(release, "code_digest", no_hashing)
    assert release.configured_release_id(tmp_path, {}) is None
    monkeypatch.undo()
    written = release.write_release_file(tmp_path)  # the build step
    monkeypatch.setattr(release, "code_digest", no_hashing)
    assert release.configured_release_id(tmp_path, {}) == written
    assert release.configured_release_id(tmp_path, {"RELEASE_ID": "v42"}) == "v42"


def _cache_prefix_under_production(extra_env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.RELEASE_ID, settings.CACHES['default']['KEY_PREFIX'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        SECRET_KEY="x" * 50,
        REDIS_URL="redis://127.0.0.1:6379/15",
        DJANGO_SETTINGS_MODULE="practice.settings.production",
        **extra_env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_every_cache_key_carries_the_release_id():
    release_id, prefix = _cache_prefix_under_production({"RELEASE_ID": "2026-11-25.1"})
    assert release_id == "2026-11-25.1"
    assert prefix.endswith(":2026-11-25.1")


def test_production_without_a_release_id_hashes_the_code_rather_than_reuse_a_cache(tmp_path):
    from caching import release

    (tmp_path / "practice").mkdir()
    (tmp_path / "practice" / "apps.py").write_text("# an app\n")
    unreleased = release.production_release_id(tmp_path, {})
    assert unreleased == release.code_digest(tmp_path)
    assert release.production_release_id(tmp_path, {"RELEASE_ID": "v7"}) == "v7"


def test_every_apps_code_and_the_templates_are_part_of_the_release(tmp_path):
    from caching import release

    for app in ("practice", "newapp"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("# an app\n")
    (tmp_path / "templates").mkdir()
    before = release.code_digest(tmp_path)
    (tmp_path / "newapp" / "views.py").write_text("ANSWER = 42\n")
    after_code = release.code_digest(tmp_path)
    (tmp_path / "templates" / "page.html").write_text("<p>hi</p>\n")
    assert len({before, after_code, release.code_digest(tmp_path)}) == 3
