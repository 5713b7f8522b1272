"""Create the "Front desk" and "Content editors" groups with their permissions (idempotent)."""

from django.core.management.base import BaseCommand

from practice.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the staff groups: Front desk and Content editors."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove model permissions granted to the groups beyond the defined roles.",
        )

    def handle(self, *args, reset=False, **options):
        front_desk, editors = ensure_roles(reset=reset)
        self.stdout.write(
            f"{front_desk.name}: {front_desk.permissions.count()} permissions; "
            f"{editors.name}: {editors.permissions.count()} permissions plus page and "
            "collection permissions; Clinical staff: cases, consent and the consent forms "
            "collection."
        )
