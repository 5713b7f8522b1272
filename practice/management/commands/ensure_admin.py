"""Make sure a superuser and the two demo staff accounts exist, so a newcomer can log in.

`admin` is a superuser; `frontdesk`, `editor` and `physician` belong to the Front desk, Content
editors and Physicians groups, to try each role (`physician` is linked to the first physician's
author profile, so their approvals name them). All share one password: ADMIN_PASSWORD, or
generated once.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from medical_review.reviews import PHYSICIANS
from people.models import Author
from practice.roles import CONTENT_EDITORS, FRONT_DESK, ensure_roles

DEMO_STAFF = [("frontdesk", FRONT_DESK), ("editor", CONTENT_EDITORS), ("physician", PHYSICIANS)]


class Command(BaseCommand):
    help = "Create the admin superuser and demo staff if missing (password: ADMIN_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--no-demo-staff", action="store_true")

    def handle(self, *args, username, no_demo_staff=False, **options):
        User = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD")
        generated = not password
        password = password or secrets.token_urlsafe(12)
        wanted = [(username, None)] + ([] if no_demo_staff else DEMO_STAFF)
        if not no_demo_staff:
            ensure_roles()
        created = []
        for name, group in wanted:
            user = User.objects.filter(username=name).first()
            if user is None:
                if group is None:
                    user = User.objects.create_superuser(name, f"{name}@example.com", password)
                else:
                    user = User.objects.create_user(
                        name, f"{name}@example.com", password, is_staff=True
                    )
                    user.groups.add(Group.objects.get(name=group))
                    if group == PHYSICIANS:
                        link_author_profile(user)
                created.append(name)
            elif not generated:
                user.set_password(password)
                user.save(update_fields=["password"])
        login_url = f"http://127.0.0.1:{os.environ.get('PORT') or 8000}/admin/"
        if created:
            # A generated password is shown this once; one from the environment is not echoed.
            if generated:
                how = f"password '{password}', generated and shown only this once"
            else:
                how = "password from ADMIN_PASSWORD"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Accounts created: {', '.join(created)} ({how}). Log in at {login_url} "
                    f"as '{username}'. 'frontdesk', 'editor' and 'physician' show the staff roles."
                )
            )
        elif not generated:
            self.stdout.write(
                f"Staff accounts exist; passwords set from ADMIN_PASSWORD. Log in at {login_url} "
                f"as '{username}'."
            )
        else:
            self.stdout.write(
                f"Admin account '{username}' exists. Log in at {login_url} "
                "with the password printed when it was created (or set ADMIN_PASSWORD and rerun)."
            )


def link_author_profile(user):
    """Link the demo physician to the first physician author profile without an account."""
    author = Author.objects.filter(is_physician=True, user__isnull=True).order_by("pk").first()
    if author is not None:
        # With its translations: each language's profile names the same account.
        Author.objects.filter(translation_key=author.translation_key).update(user=user)
