"""Patient photos: originals are never served, and no byte served carries EXIF or GPS data."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from procedures import photos
from procedures.models import PhotoPair
from tests.procedures.cases import jpeg, make_case

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x9003] = "2026:01:02 03:04:05"  # DateTimeOriginal
    exif[GPS_IFD] = {1: "N", 2: (34.0, 4.0, 30.0), 3: "W", 4: (118.0, 24.0, 0.0)}
    return jpeg(exif=exif.tobytes())


def carries_metadata(data):
    image = Image.open(io.BytesIO(data))
    return (
        bool(image.getexif())
        or b"Exif" in data
        or b"SecretCam" in data
        or "icc_profile" in image.info
    )


def test_the_test_image_does_carry_gps():
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)
    assert carries_metadata(data)


def test_gps_and_exif_are_stripped_at_upload_and_from_every_rendition(client):
    case = make_case()
    pair = case.photo_pairs.get()
    pair.before_photo.save("gps.jpg", ContentFile(jpeg_with_gps()), save=False)
    pair.save()

    with pair.before_photo.open("rb") as stored:
        assert not carries_metadata(stored.read())
    for width in photos.RENDITION_WIDTHS:
        response = client.get(f"/patient-photos/{pair.pk}/before-{width}.jpg")
        assert response.status_code == 200
        assert not carries_metadata(response.content)
        assert Image.open(io.BytesIO(response.content)).size == (width, width * 5 // 4)


def test_originals_are_outside_media_and_have_no_url(client, settings):
    pair = make_case().photo_pairs.get()
    path = pair.before_photo.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert pair.before_photo.url == ""
    name = pair.before_photo.name
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/media/original_images/{name.rsplit('/', 1)[-1]}").status_code == 404


def test_only_the_fixed_rendition_widths_are_served(client):
    pair = make_case().photo_pairs.get()
    assert client.get(f"/patient-photos/{pair.pk}/before-1600.jpg").status_code == 404
    assert client.get(f"/patient-photos/{pair.pk}/original-400.jpg").status_code == 404


def test_pages_never_link_an_original(client):
    make_case()
    html = client.get("/procedures/results/").content.decode()
    names = PhotoPair.objects.values_list("before_photo", "after_photo")
    for before, after in names:
        assert before not in html
        assert after not in html


def test_a_photo_uploaded_in_the_admin_is_stored_without_gps(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from practice.roles import CLINICAL_STAFF, ensure_roles
    from procedures.models import BeforeAfterCase, ProcedurePage
    from tests.procedures.cases import consent_form

    ensure_roles()
    user = django_user_model.objects.create_user(username="nurse", password="x" * 20)
    user.groups.add(Group.objects.get(name=CLINICAL_STAFF))
    client.force_login(user)
    before = BeforeAfterCase.objects.count()
    upload = {
        "procedure": ProcedurePage.objects.get(slug="brow-lift").pk,
        "time_after": "4",
        "time_after_unit": "month",
        "note": "Uploaded in the admin",
        "published": "on",
        "sort_order": "0",
        "consent_form": consent_form().pk,
        "consent_website": "on",
        "consent_given_on": timezone.localdate().isoformat(),
        "photo_pairs-TOTAL_FORMS": "1",
        "photo_pairs-INITIAL_FORMS": "0",
        "photo_pairs-MIN_NUM_FORMS": "1",
        "photo_pairs-MAX_NUM_FORMS": "1000",
        "photo_pairs-0-angle": "Front",
        "photo_pairs-0-before_photo": SimpleUploadedFile("b.jpg", jpeg_with_gps(), "image/jpeg"),
        "photo_pairs-0-before_alt": "Brow before",
        "photo_pairs-0-after_photo": SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg"),
        "photo_pairs-0-after_alt": "Brow after",
        "photo_pairs-0-ORDER": "1",
        "photo_pairs-0-id": "",
        "photo_pairs-0-DELETE": "",
    }
    response = client.post("/admin/cases/new/", upload)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert BeforeAfterCase.objects.count() == before + 1
    pair = BeforeAfterCase.objects.latest("pk").photo_pairs.get()
    for field in (pair.before_photo, pair.after_photo):
        with field.open("rb") as stored:
            assert not carries_metadata(stored.read())
    served = client.get(f"/patient-photos/{pair.pk}/after-800.jpg")
    assert served.status_code == 200
    assert not carries_metadata(served.content)
