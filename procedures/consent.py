"""What happens when a case changes or its consent ends. Saving a case or a photo pair
retires every cached page like any other save (caching); here a case no longer
shown loses its renditions. A consent ends at a local midnight, when every cached page's
generation ends anyway. Signal receivers (procedures.apps) and the `retire_expired_consents`
command call these; they decide nothing else."""

import datetime

from django.db import transaction
from django.utils import timezone

from caching import purge
from procedures import photos
from procedures.models import BeforeAfterCase, PhotoPair


def pair_ids_of(case):
    # From the database: during a cluster save the relation still holds unsaved children.
    return list(PhotoPair.objects.filter(case_id=case.pk).values_list("pk", flat=True))


def case_changed(case, pair_ids=None):
    """If `case` is no longer shown, delete its renditions once the change commits."""
    pair_ids = pair_ids_of(case) if pair_ids is None else pair_ids
    if not BeforeAfterCase.objects.shown().filter(pk=case.pk).exists():
        transaction.on_commit(lambda: photos.delete_renditions(pair_ids))


def pair_deleted(pair):
    transaction.on_commit(lambda: photos.delete_renditions([pair.pk]))


def retire_expired(today=None, days=2):
    """Cases whose consent expired in the last `days` days: the cache retired and their
    renditions deleted. Run daily; the window lets a missed day catch up. The cache already
    retired itself at the expiry (local midnight); this clears what is left."""
    today = today or timezone.localdate()
    expired = BeforeAfterCase.objects.filter(
        consent_expires_on__lte=today,
        consent_expires_on__gt=today - datetime.timedelta(days=days),
    )
    count = 0
    for case in expired:
        case_changed(case)
        count += 1
    if count:
        purge.retire_site()
    return count


def receive_case_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: related rows may not be there yet
        return
    case_changed(instance)


def receive_case_deleting(sender, instance, **kwargs):
    # pre_delete: the pairs still exist, so their renditions can be named.
    pair_ids = pair_ids_of(instance)
    transaction.on_commit(lambda: photos.delete_renditions(pair_ids))


def receive_pair_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    case_changed(instance.case)


def receive_pair_deleted(sender, instance, **kwargs):
    pair_deleted(instance)
