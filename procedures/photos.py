"""Patient photos: where they are kept, how their metadata goes, and their renditions.

Originals live in their own storage (`PATIENT_PHOTOS_ROOT`), outside MEDIA_ROOT, so neither
the media view nor a bucket URL can reach them. Every file written there, original or
rendition, is re-encoded from its pixels alone: EXIF (GPS, camera, dates), XMP, IPTC and
comments never survive. Visitors get renditions only, through procedures.views.photo, which
checks the case's consent on every request.
"""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps

# The widths a rendition may have: a fixed set, so no one can make the server render others.
# Every rendition is cropped to portrait 4:5, so pairs line up and pages reserve their space.
RENDITION_WIDTHS = (400, 800)
ASPECT = (4, 5)
JPEG_QUALITY = 85


def clean_image(data):
    """JPEG bytes of the picture in `data` (a file or bytes), upright, with no metadata.

    The pixels are copied into a fresh image, so nothing from the source's info, EXIF, ICC
    or XMP blocks is carried over, and it is saved without any.
    """
    source = Image.open(io.BytesIO(data) if isinstance(data, bytes) else data)
    source = ImageOps.exif_transpose(source)  # keep the orientation the EXIF tag gave it
    pixels = source.convert("RGB")
    clean = Image.new("RGB", pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def render(data, width):
    """A 4:5 rendition `width` pixels wide, cropped around the centre, with no metadata."""
    source = Image.open(io.BytesIO(data)).convert("RGB")
    size = (width, width * ASPECT[1] // ASPECT[0])
    return clean_image(_as_bytes(ImageOps.fit(source, size)))


def _as_bytes(image):
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@deconstructible
class PatientPhotoStorage(FileSystemStorage):
    """Private file storage whose every write is stripped of metadata (see clean_image)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.PATIENT_PHOTOS_ROOT)
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    def save(self, name, content, max_length=None):
        content.seek(0)
        cleaned = ContentFile(clean_image(content.read()))
        name = name.rsplit(".", 1)[0] + ".jpg"
        return super().save(name, cleaned, max_length=max_length)

    def url(self, name):
        """No public URL, ever: visitors get renditions (procedures.views.photo). Empty
        rather than an error, so admin file widgets simply show no link."""
        return ""


def patient_photo_storage():
    """The storage of the patient photo fields (a callable, so migrations do not name it)."""
    return patient_photos


patient_photos = PatientPhotoStorage()


def rendition_name(pair_id, side, width):
    return f"renditions/{pair_id}/{side}-{width}.jpg"


def rendition(pair, side, width):
    """The rendition's bytes, made once from the stripped original and kept beside it."""
    name = rendition_name(pair.pk, side, width)
    if patient_photos.exists(name):
        with patient_photos.open(name) as stored:
            return stored.read()
    original = pair.before_photo if side == "before" else pair.after_photo
    with original.open("rb") as source:
        data = render(source.read(), width)
    patient_photos.save(name, ContentFile(data))
    return data


def delete_renditions(pair_ids):
    """Delete every rendition of these photo pairs (the originals stay, for the record)."""
    for pair_id in pair_ids:
        folder = f"renditions/{pair_id}"
        if not patient_photos.exists(folder):
            continue
        _, files = patient_photos.listdir(folder)
        for name in files:
            patient_photos.delete(f"{folder}/{name}")
