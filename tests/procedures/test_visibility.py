"""A case without valid consent is never shown: not on any page, listing, search result,
sitemap or feed, and its photos answer 404. Withdrawal takes it off at once."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from caching import generation, purge
from procedures import photos
from procedures.models import BeforeAfterCase
from tests.procedures.cases import make_case

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/procedures/",
    "/procedures/results/",
    "/procedures/results/eyelid-surgery/",
    "/procedures/eyelid-surgery/",
    "/blog/",
    "/blog/feed/rss/",
    "/blog/feed/atom/",
    "/sitemap.xml",
    "/search/?q=case",
]

HIDDEN = {
    "expired": {"consent": "expired"},
    "withdrawn": {"consent": "withdrawn"},
    "no consent form": {"consent": "none"},
    "social media only": {"consent_website": False, "consent_social": True},
    "not yet given": {"consent_given_on": None},
    "unpublished": {"published": False},
}


def photo_url(case, side="before", width=400):
    return f"/patient-photos/{case.photo_pairs.get().pk}/{side}-{width}.jpg"


@pytest.mark.parametrize("why", list(HIDDEN))
def test_a_case_without_valid_consent_is_on_no_public_page(client, why):
    case = make_case(note=f"Hidden case marker {why}", **HIDDEN[why])
    pair = case.photo_pairs.get()
    for url in PUBLIC_URLS:
        html = client.get(url).content.decode()
        assert "Hidden case marker" not in html, url
        assert f"/patient-photos/{pair.pk}/" not in html, url


@pytest.mark.parametrize("why", list(HIDDEN))
def test_a_case_without_valid_consent_has_no_photos(client, why):
    case = make_case(**HIDDEN[why])
    for side in ("before", "after"):
        for width in photos.RENDITION_WIDTHS:
            assert client.get(photo_url(case, side, width)).status_code == 404


def test_a_case_with_valid_consent_is_shown_with_its_photos(client):
    case = make_case(note="Shown case marker")
    html = client.get("/procedures/results/eyelid-surgery/").content.decode()
    assert "Shown case marker" in html
    assert photo_url(case) in html
    response = client.get(photo_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_the_demo_expired_and_withdrawn_cases_are_nowhere(client):
    hidden = BeforeAfterCase.objects.filter(note__startswith="Consent ")
    assert hidden.count() == 2
    for url in PUBLIC_URLS:
        assert "must never be shown" not in client.get(url).content.decode(), url
    for case in hidden:
        assert client.get(photo_url(case)).status_code == 404
    assert BeforeAfterCase.objects.shown().count() == 6


def test_photos_are_hidden_behind_a_show_control_that_needs_no_script(client):
    make_case()
    html = client.get("/procedures/results/").content.decode()
    assert '<details class="case-card__photos">' in html
    assert '<span class="case-card__show">Show surgical photos</span>' in html
    summary = html[html.index('<summary class="case-card__toggle">') :]
    assert summary.index("Show surgical photos") < summary.index("</summary>")


def test_withdrawing_consent_removes_the_case_and_its_renditions_and_purges(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    case = make_case(note="Withdrawn later marker")
    url = photo_url(case)
    assert client.get(url).status_code == 200  # makes the rendition
    pair_id = case.photo_pairs.get().pk
    assert photos.patient_photos.exists(photos.rendition_name(pair_id, "before", 400))
    delivered = []
    monkeypatch.setattr(purge, "deliver", lambda: delivered.append("site"))

    with django_capture_on_commit_callbacks(execute=True):
        case.consent_withdrawn_on = case.consent_given_on
        case.save()

    assert not photos.patient_photos.exists(photos.rendition_name(pair_id, "before", 400))
    assert delivered == ["site"]  # every page and photo URL, in the app and at the edge
    assert client.get(url).status_code == 404
    assert "Withdrawn later marker" not in client.get("/procedures/results/").content.decode()


def test_a_withdrawal_reaches_the_frontend_cache(settings, django_capture_on_commit_callbacks):
    from tests.caching.frontend_cache_backend import RecordingBackend

    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.caching.frontend_cache_backend.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    case = make_case()
    RecordingBackend.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case.consent_withdrawn_on = case.consent_given_on
        case.save()
    # The whole host, photos included, before the admin's response returns.
    assert RecordingBackend.purged and all(u.endswith("/*") for u in RecordingBackend.purged)
    RecordingBackend.purged.clear()


def test_expired_consents_are_retired_by_the_daily_command(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    case = make_case()
    assert client.get(photo_url(case)).status_code == 200  # makes the rendition
    pair_id = case.photo_pairs.get().pk
    # Expiry is the passing of a date, not a save: no signal fires.
    BeforeAfterCase.objects.filter(pk=case.pk).update(consent_expires_on=timezone.localdate())
    delivered = []
    monkeypatch.setattr(purge, "deliver", lambda: delivered.append("site"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("retire_expired_consents", stdout=io.StringIO())
    assert not photos.patient_photos.exists(photos.rendition_name(pair_id, "before", 400))
    assert delivered == ["site"]


def test_a_gallery_page_is_never_cached_past_a_shown_consents_expiry(settings):
    settings.PAGE_CACHE_GENERATION_TIMEOUT = 7 * 24 * 3600  # longer than the time left
    expiry = timezone.localdate() + datetime.timedelta(days=3)
    make_case(consent_expires_on=expiry)
    ends = timezone.make_aware(datetime.datetime.combine(expiry, datetime.time()))
    # The generation (every cached page, every edge copy) ends by then: a consent ends at a
    # local midnight, and every generation ends at the next one.
    assert generation.current().valid_until <= ends.timestamp()


def test_noimageindex_is_sent_on_gallery_pages_while_the_setting_is_on(client, home):
    from wagtail.models import Site

    from procedures.models import GallerySettings

    case = make_case()
    assert client.get("/procedures/results/")["X-Robots-Tag"] == "noimageindex"
    assert client.get(photo_url(case))["X-Robots-Tag"] == "noindex"
    settings = GallerySettings.for_site(Site.objects.get(is_default_site=True))
    settings.noimageindex = False
    settings.save()
    assert "X-Robots-Tag" not in client.get("/procedures/results/rhinoplasty/")


def test_consent_cannot_expire_before_it_was_given():
    case = make_case()
    case.consent_expires_on = case.consent_given_on
    with pytest.raises(ValidationError):
        case.full_clean()


def test_every_photo_needs_alt_text():
    case = make_case()
    pair = case.photo_pairs.get()
    pair.after_alt = ""
    with pytest.raises(ValidationError) as refused:
        pair.full_clean()
    assert "after_alt" in refused.value.message_dict
