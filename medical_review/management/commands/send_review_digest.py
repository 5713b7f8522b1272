"""Email the weekly medical review digest to the physicians who asked for it (run weekly)."""

from django.core.management.base import BaseCommand

from medical_review import digest


class Command(BaseCommand):
    help = "Send physicians the pages awaiting or due for medical review (titles and links)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Run as a background task on the task queue instead of here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = digest.send_digest_task.enqueue()
            self.stdout.write(f"Queued review digest task {result.id}.")
            return
        sent = digest.send_digest()
        self.stdout.write(f"Sent the review digest to {sent} physician(s).")
