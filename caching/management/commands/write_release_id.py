"""Write the release's code digest for the cache keys, once per build (docs/caching.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from caching import release


class Command(BaseCommand):
    help = "Write the code digest that names this release in cache keys (var/release-id)."

    def handle(self, *args, **options):
        release_id = release.write_release_file(settings.BASE_DIR)
        self.stdout.write(f"Release {release_id} written to {release.RELEASE_FILE}")
