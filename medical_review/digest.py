"""The weekly medical review digest: each physician who asked for it gets the pages awaiting
their approval and the pages due for review, by title with an admin link. Nothing else: no
page content, no patient data. `manage.py send_review_digest` runs it (weekly, from cron)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from medical_review import reviews


def admin_link(page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )


def recipients():
    """Active physicians with an email address whose author profile asks for the digest."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=reviews.PHYSICIANS,
            author_profiles__weekly_review_digest=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def digest_items(today=None):
    awaiting = reviews.awaiting_review()
    due = list(reviews.due_pages(today))
    return {
        "awaiting": [(page.title, admin_link(page)) for page in awaiting],
        "due": [(page.title, page.review_date, admin_link(page)) for page in due],
    }


def send_digest(today=None):
    """Email the digest to each recipient; none when nothing awaits or is due. Returns how
    many emails were sent."""
    items = digest_items(today)
    if not items["awaiting"] and not items["due"]:
        return 0
    body = render_to_string(
        "medical_review/emails/digest.txt",
        {**items, "interval_days": settings.MEDICAL_REVIEW_INTERVAL_DAYS},
    )
    subject = f"Medical review: {len(items['awaiting'])} awaiting, {len(items['due'])} due"
    sent = 0
    for user in recipients():
        sent += send_mail(subject, body, None, [user.email])
    return sent


@task()
def send_digest_task() -> int:
    return send_digest()
