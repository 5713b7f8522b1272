"""Anonymise consultation requests older than CONSULTATION_RETENTION_MONTHS."""

from django.core.management.base import BaseCommand

from consultations.retention import expired_requests, purge_expired, retention_cutoff


class Command(BaseCommand):
    help = "Anonymise consultation requests past the retention period. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count; change nothing.")
        parser.add_argument(
            "--months", type=int, default=None, help="Override the retention period in months."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Run as a background task on the task queue instead of here.",
        )

    def handle(self, *args, dry_run=False, months=None, enqueue=False, **options):
        if enqueue:
            from consultations.retention import purge_expired_task

            result = purge_expired_task.enqueue(months=months, dry_run=dry_run)
            self.stdout.write(f"Queued retention task {result.id}.")
            return
        cutoff = retention_cutoff(months=months)
        if dry_run:
            count = expired_requests(months=months).count()
            self.stdout.write(
                f"{count} request(s) from before {cutoff:%Y-%m-%d} would be anonymised."
            )
            return
        count = purge_expired(months=months)
        self.stdout.write(f"Anonymised {count} request(s) from before {cutoff:%Y-%m-%d}.")
