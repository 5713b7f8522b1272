"""What happens when a case changes or its consent ends: the pages and photo URLs that may
show it are purged (the in-app cache and a proxy or CDN in front, through practice.caching),
and a case no longer shown loses its renditions. Signal receivers (procedures.apps) and the
`retire_expired_consents` command call these; they decide nothing else."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from practice.caching import purge
from procedures import photos
from procedures.models import BeforeAfterCase, GalleryPage, PhotoPair


def photo_paths(pair_ids):
    return [
        reverse("patient_photo", args=[pair_id, side, width])
        for pair_id in pair_ids
        for side in ("before", "after")
        for width in photos.RENDITION_WIDTHS
    ]


def pair_ids_of(case):
    # From the database: during a cluster save the relation still holds unsaved children.
    return list(PhotoPair.objects.filter(case_id=case.pk).values_list("pk", flat=True))


def decide_case(case, pair_ids=None):
    """The purge for a change to `case`: every gallery page (with its per-procedure URLs),
    its procedure page, the sitemap and search, and its photos' URLs on each site."""
    pair_ids = pair_ids_of(case) if pair_ids is None else pair_ids
    decision = purge.Purge()
    for gallery in GalleryPage.objects.all():
        decision = decision | purge.decide_page(gallery)
        site = gallery.get_site()
        if site is not None:
            decision.urls.update(site.root_url + path for path in photo_paths(pair_ids))
    if case.procedure_id:
        decision = decision | purge.decide_page(case.procedure)
    return decision


def case_changed(case, pair_ids=None):
    """Purge what may show `case`; if it is no longer shown, delete its renditions."""
    pair_ids = pair_ids_of(case) if pair_ids is None else pair_ids
    purge.send(decide_case(case, pair_ids))
    if not BeforeAfterCase.objects.shown().filter(pk=case.pk).exists():
        transaction.on_commit(lambda: photos.delete_renditions(pair_ids))


def pair_deleted(pair):
    transaction.on_commit(lambda: photos.delete_renditions([pair.pk]))


def retire_expired(today=None, days=2):
    """Cases whose consent expired in the last `days` days: purged and their renditions
    deleted. Run daily; the window lets a missed day catch up. Pages showing a case are never
    cached past its expiry (cache_until), so this only clears what is left."""
    today = today or timezone.localdate()
    expired = BeforeAfterCase.objects.filter(
        consent_expires_on__lte=today,
        consent_expires_on__gt=today - datetime.timedelta(days=days),
    )
    count = 0
    for case in expired.select_related("procedure"):
        case_changed(case)
        count += 1
    return count


def receive_case_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: related rows may not be there yet, and nothing is cached
        return
    case_changed(instance)


def receive_case_deleting(sender, instance, **kwargs):
    # pre_delete: the pairs still exist, so their photo URLs and renditions can be named.
    pair_ids = pair_ids_of(instance)
    purge.send(decide_case(instance, pair_ids))
    transaction.on_commit(lambda: photos.delete_renditions(pair_ids))


def receive_pair_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    case_changed(instance.case)


def receive_pair_deleted(sender, instance, **kwargs):
    pair_deleted(instance)
