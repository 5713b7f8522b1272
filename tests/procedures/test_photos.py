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
