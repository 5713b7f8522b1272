"""Signed, expiring self-service links: the reference code is the only thing inside."""

import base64
import binascii

from django.conf import settings
from django.core import signing

SALT = "consultations.self-service"


def make_token(consultation) -> str:
    signed = signing.dumps(consultation.reference, salt=SALT, compress=False)
    # Wagtail routes only match [\w-] path segments, so wrap the "a:b:c" form in base64url.
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_token(token: str):
    """The reference in a token, or None if it was tampered with or has expired."""
    max_age = settings.CONSULTATION_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        return signing.loads(signed, salt=SALT, max_age=max_age)
    except (signing.BadSignature, binascii.Error, UnicodeDecodeError, ValueError):
        return None
