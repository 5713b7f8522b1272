"""Remove a staff member's authenticator app (a lost or replaced phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from security import two_factor


class Command(BaseCommand):
    help = "Remove a user's two-factor authenticator, so they can sign in and set up a new one."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if two_factor.reset(user):
            self.stdout.write(f"Two-factor sign-in removed for {username}.")
        else:
            self.stdout.write(f"{username} had no two-factor sign-in set up.")
