"""Data retention: anonymise consultation requests once the retention period has passed.

A request's age counts from its slot (or its creation, for callback requests). Anonymising
keeps the row's status, mode, office and dates for reporting and removes everything that
identifies or describes the visitor: names, contact details, message, procedures, notes and
the emails' outbox rows. Each anonymised request gets an audit log entry with no user and
no personal data, so its history says when and why its details went.
"""

import calendar
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from wagtail.models import ModelLogEntry

from consultations.models import ConsultationNote, ConsultationRequest, Notification
from consultations.staff import ANONYMISED

logger = logging.getLogger(__name__)


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_cutoff(now=None, months=None):
    months = settings.CONSULTATION_RETENTION_MONTHS if months is None else months
    return months_before(now or timezone.now(), months)


def expired_requests(now=None, months=None):
    cutoff = retention_cutoff(now, months)
    return ConsultationRequest.objects.filter(anonymised=False).filter(
        Q(starts_at__lt=cutoff) | Q(starts_at__isnull=True, created_at__lt=cutoff)
    )


def purge_expired(now=None, months=None, dry_run=False):
    """Anonymise expired requests; returns how many. Safe to run again and again."""
    months = settings.CONSULTATION_RETENTION_MONTHS if months is None else months
    with transaction.atomic():
        expired = expired_requests(now, months).select_for_update()
        rows = list(expired.values_list("pk", "reference"))
        ids = [pk for pk, _ in rows]
        if dry_run or not ids:
            logger.info(
                "retention: %s request(s) due for anonymising%s",
                len(ids),
                " (dry run)" if dry_run else "",
            )
            return len(ids)
        ConsultationRequest.procedures.through.objects.filter(
            consultationrequest_id__in=ids
        ).delete()
        ConsultationNote.objects.filter(request_id__in=ids).delete()
        Notification.objects.filter(request_id__in=ids).delete()
        ConsultationRequest.objects.filter(pk__in=ids).update(
            first_name="",
            last_name="",
            email="",
            phone="",
            message="",
            preferred_days=[],
            preferred_times=[],
            marketing_opt_in=False,
            submission_token=None,
            video_join_url="",
            anonymised=True,
            updated_at=timezone.now(),
        )
        _log_anonymised(rows, months)
    logger.info("retention: anonymised %s request(s)", len(ids))
    return len(ids)


def _log_anonymised(rows, months):
    """One history entry per request: no user (the system did it), and only the reference."""
    content_type = ContentType.objects.get_for_model(ConsultationRequest)
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(pk),
                label=reference,
                action=ANONYMISED,
                data={"retention_months": months},
                timestamp=now,
                user=None,
            )
            for pk, reference in rows
        ],
        batch_size=500,
    )


@task()
def purge_expired_task(months=None, dry_run=False):
    return purge_expired(months=months, dry_run=dry_run)
