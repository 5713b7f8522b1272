"""Patient photo renditions: the only way a visitor's browser gets a patient photo.

Each request checks that the photo's case is shown (consent valid, published, procedure
live), so a withdrawn or expired case's photos answer 404 at once; the originals are never
served.
"""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from procedures import photos
from procedures.models import BeforeAfterCase, GallerySettings, PhotoPair
from procedures.models.pages import keep_until

# Browsers keep a photo briefly; shared caches are purged when consent ends (procedures.consent).
BROWSER_MAX_AGE = 300
SHARED_MAX_AGE = 3600


@require_safe
def photo(request, pair_id, side, width):
    if side not in ("before", "after") or width not in photos.RENDITION_WIDTHS:
        raise Http404("No such photo.")
    pair = (
        PhotoPair.objects.filter(pk=pair_id, case__in=BeforeAfterCase.objects.shown())
        .select_related("case")
        .first()
    )
    if pair is None:
        raise Http404("No such photo.")
    response = HttpResponse(photos.rendition(pair, side, width), content_type="image/jpeg")
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=SHARED_MAX_AGE)
    if GallerySettings.for_request(request).noimageindex:
        response["X-Robots-Tag"] = "noindex"
    return keep_until(response, pair.case.consent_ends_at())
