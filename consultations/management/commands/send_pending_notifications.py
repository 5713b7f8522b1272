"""Safety net for the email outbox: send every pending notification whose retry time has come.

The task queue normally sends each email; run this from cron (or after a worker outage) so a
lost task can never leave a visitor without their confirmation.
"""

from django.core.management.base import BaseCommand

from consultations.notifications import send_due


class Command(BaseCommand):
    help = "Send pending booking emails that are due (retries included)."

    def handle(self, *args, **options):
        count = send_due()
        self.stdout.write(f"Tried {count} pending notification(s).")
