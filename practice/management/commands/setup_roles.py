"""Create the "Front desk" and "Content editors" groups with their permissions (idempotent)."""

from django.core.management.base import BaseCommand

from practice.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the staff groups: Front desk and Content editors."

    def handle(self, *args, **options):
        front_desk, editors = ensure_roles()
        self.stdout.write(
            f"{front_desk.name}: {front_desk.permissions.count()} permissions; "
            f"{editors.name}: {editors.permissions.count()} permissions plus page and "
            "collection permissions."
        )
