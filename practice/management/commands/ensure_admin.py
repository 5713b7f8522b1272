"""Make sure a superuser exists so a newcomer can log in to the Wagtail admin."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin superuser if missing (password: ADMIN_PASSWORD or generated)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        import os

        User = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD")
        user = User.objects.filter(username=username).first()
        if user is None:
            generated = not password
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser(username, f"{username}@example.com", password)
            note = " (generated: shown only this once)" if generated else ""
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin account created. Log in at http://127.0.0.1:8000/admin/ as "
                    f"'{username}' with password '{password}'{note}."
                )
            )
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Admin '{username}' exists; password set from ADMIN_PASSWORD.")
        else:
            self.stdout.write(
                f"Admin account '{username}' exists. Log in at http://127.0.0.1:8000/admin/ "
                "with the password printed when it was created (or set ADMIN_PASSWORD and rerun)."
            )
