"""manage.py import_wordpress EXPORT.xml [--media DIR] [--dry-run] (docs/wordpress-import.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from practice.wordpress.importer import Importer
from practice.wordpress.report import Report
from practice.wordpress.wxr import ExportError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools > Export > All content) with a local copy of its "
        "uploads folder: articles, pages, authors, categories, tags, images and redirects."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media",
            metavar="DIR",
            help="A copy of the old site's wp-content/uploads folder. Nothing is downloaded.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Do everything but save; print the report."
        )

    def handle(self, *args, export, media=None, dry_run=False, **options):
        report = Report(export=export)

        def progress(done, total):
            self.stderr.write(f"  {done}/{total} posts and pages")

        try:
            Importer(export, media, report, progress).run(dry_run=dry_run)
        except ExportError as error:
            raise CommandError(f"Cannot import {export}: {error}") from None
        for line in report.lines():
            self.stdout.write(line)
        path = report.write(settings.BASE_DIR / "var" / "imports")
        self.stdout.write(f"Report written to {path}")
