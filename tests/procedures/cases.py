"""Helpers for the case tests: a case with one photo pair and the consent asked for."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from procedures.consent_forms import consent_collection
from procedures.models import BeforeAfterCase, PhotoPair, ProcedurePage


def jpeg(color=(200, 150, 120), exif=None, size=(600, 750)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", **({"exif": exif} if exif else {}))
    return out.getvalue()


def consent_form(title="Consent"):
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=consent_collection())
    document.file.save("consent.txt", ContentFile(b"signed"), save=False)
    document.save()
    return document


def make_case(procedure="eyelid-surgery", note="Test case", consent="valid", **fields):
    today = timezone.localdate()
    values = {
        "procedure": ProcedurePage.objects.get(slug=procedure),
        "time_after": 3,
        "note": note,
        "published": True,
        "consent_form": consent_form() if consent != "none" else None,
        "consent_website": True,
        "consent_given_on": today - datetime.timedelta(days=30),
    }
    if consent == "expired":
        values["consent_expires_on"] = today
    if consent == "withdrawn":
        values["consent_withdrawn_on"] = today
    values.update(fields)
    case = BeforeAfterCase.objects.create(**values)
    pair = PhotoPair(case=case, before_alt="Before alt", after_alt="After alt")
    pair.before_photo.save("before.jpg", ContentFile(jpeg()), save=False)
    pair.after_photo.save("after.jpg", ContentFile(jpeg((90, 90, 90))), save=False)
    pair.save()
    return case
