"""WordPress import fixtures: the original exports in fixtures/, an uploads folder of small
images drawn with Pillow (one file left out on purpose), and a way to run the command."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "export.xml"
EXPORT_WXR11 = FIXTURES / "export-wxr11.xml"
# 2024/03/gone.jpg (used by "Hostile markup") is missing on purpose.
UPLOADS = {
    "2024/03/compress.jpg": ("JPEG", (640, 400), (200, 220, 240)),
    "2024/03/walk.jpg": ("JPEG", (800, 500), (120, 160, 110)),
    "2024/03/walk-1024x683.jpg": ("JPEG", (1024, 683), (120, 160, 110)),
    "2024/03/pillows.png": ("PNG", (300, 300), (250, 250, 250)),
}


def draw(fmt, size, colour):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    for path, spec in UPLOADS.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(draw(*spec))
    (folder / "2024/03/aftercare-sheet.pdf").write_bytes(b"%PDF-1.4\n% aftercare\n%%EOF\n")
    return folder


@pytest.fixture
def run_import(settings, tmp_path):
    """Run the command; returns (printed report, the JSON report as a dict)."""
    settings.BASE_DIR = tmp_path  # the JSON report goes to tmp_path/var/imports/

    def run(export=EXPORT, media=None, dry_run=False):
        out, err = io.StringIO(), io.StringIO()
        args = [str(export)] + (["--media", str(media)] if media else [])
        args += ["--dry-run"] if dry_run else []
        call_command("import_wordpress", *args, stdout=out, stderr=err)
        written = sorted((tmp_path / "var" / "imports").glob("*.json"))[-1]
        return out.getvalue(), json.loads(written.read_text())

    return run


@pytest.fixture
def imported(seeded, uploads, run_import):
    """The fixture export imported once; returns its JSON report."""
    return run_import(EXPORT, uploads)[1]
