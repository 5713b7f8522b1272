"""Safety net for the email outbox, safe to run from cron every few minutes.

It plans any reminder a booking should have and lacks (bookings made before reminders
existed, a lost planning step), then sends every pending email whose time has come, reminders
and retries included. The task queue normally does both; two overlapping runs, or a run beside
the workers, cannot send anything twice (row locks) or plan a reminder twice (a constraint).
"""

from django.core.management.base import BaseCommand

from consultations.notifications import send_due
from consultations.reminders import plan_missing


class Command(BaseCommand):
    help = "Plan missing reminders and send pending booking emails that are due."

    def handle(self, *args, **options):
        planned = plan_missing()
        count = send_due()
        self.stdout.write(f"Planned {planned} reminder(s); tried {count} pending notification(s).")
