"""Compile the project's .po catalogues (locale/) to .mo files, with polib.

Django's compilemessages needs GNU gettext's msgfmt installed; polib (pinned, and already
needed by wagtail-localize) does the same in Python, so `make run`, `make test` and CI need
nothing from the system. A .mo newer than its .po is left alone; each is written to a
temporary file and moved into place, so parallel test workers never read half a file.
"""

import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues():
    for folder in settings.LOCALE_PATHS:
        yield from sorted(Path(folder).glob("*/LC_MESSAGES/*.po"))


def compile_catalogue(po_path: Path) -> bool:
    """Write the .mo beside `po_path` if it is missing or older; True if it was written."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        polib.pofile(str(po_path)).save_as_mofile(temporary)
        os.replace(temporary, mo_path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return True


def compile_all() -> list[Path]:
    return [path for path in catalogues() if compile_catalogue(path)]


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo (pure Python, no gettext tools needed)."

    def handle(self, *args, **options):
        for path in compile_all():
            self.stdout.write(f"Compiled {path.with_suffix('.mo')}")
