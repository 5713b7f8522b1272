"""The release key: part of every shared cache key, so pages rendered by one release, and
fragments pickled from its models, are never read by the next (docs/caching.md).

Read when settings load, cheaply: the `RELEASE_ID` environment variable (a deploy sets it,
e.g. to the git commit), else the digest `manage.py write_release_id` wrote at build time.
Without either, development uses `UNRELEASED`, and production hashes the code once at start
(practice/settings/production.py), the slow but safe way.

No Django imports here: settings import this module.
"""

import hashlib
import os
from pathlib import Path

UNRELEASED = "dev"
# Written by `manage.py write_release_id` (make serve, the Procfile) next to the code.
RELEASE_FILE = Path("var") / "release-id"
# What a release is made of: every Django app's code (a folder with an apps.py, so a new app
# counts without being listed) and the templates; migrations change no rendered output.
CODE_SUFFIXES = (".py", ".html", ".txt")


def code_folders(base_dir):
    base = Path(base_dir)
    apps = sorted(path.parent for path in base.glob("*/apps.py"))
    return [*apps, base / "templates"]


def configured_release_id(base_dir, environ=os.environ):
    """RELEASE_ID from the environment, else the build's digest file, else None."""
    release_id = environ.get("RELEASE_ID", "").strip()
    if release_id:
        return release_id
    try:
        return (Path(base_dir) / RELEASE_FILE).read_text().strip() or None
    except FileNotFoundError:
        return None


def code_digest(base_dir):
    """A short hash of the release's code, templates and key packages (reads every file:
    for build time, not for every settings load)."""
    import django
    import wagtail

    digest = hashlib.blake2b(f"{django.__version__} {wagtail.__version__}".encode(), digest_size=5)
    for folder in code_folders(base_dir):
        for path in sorted(folder.rglob("*")):
            if path.suffix in CODE_SUFFIXES and "migrations" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()


def production_release_id(base_dir, environ=os.environ):
    """The release in production: configured, else the code hashed now (slow, once per process
    start) rather than risk reading the previous release's cached pages."""
    return configured_release_id(base_dir, environ) or code_digest(base_dir)


def write_release_file(base_dir):
    """Compute the code digest and store it where `configured_release_id` finds it."""
    release_id = code_digest(base_dir)
    path = Path(base_dir) / RELEASE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(release_id + "\n")
    return release_id
