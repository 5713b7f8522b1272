"""Two-factor sign-in for staff: a time-based code from an authenticator app (django-otp).

Optional per account, or required for every staff account with STAFF_TWO_FACTOR_REQUIRED.
After the password, a staff member with a device must enter a code before any other page;
the middleware enforces it and the views only collect codes. Nothing here logs a secret.
"""

import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

DEVICE_NAME = "Authenticator app"
ENABLED = "security.two_factor.enabled"
DISABLED = "security.two_factor.disabled"


class CodeRefused(Exception):
    """A code that did not sign the user in, with the reason to show them."""


def required():
    return settings.STAFF_TWO_FACTOR_REQUIRED


def enabled_device(user):
    """The user's confirmed authenticator, or None."""
    return next(iter(devices_for_user(user, confirmed=True)), None)


def pending_device(user):
    """An unconfirmed authenticator to set up: the same one until it is confirmed, so
    reloading the page does not change the secret the app has already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def needs_code(request):
    """Whether this signed-in user must still prove a second factor in this session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return False
    return required() or user_has_device(user)


def qr_code_svg(device):
    """The device's otpauth:// URL as an inline SVG QR code (made here: no outside service)."""
    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    return out.getvalue().decode()


def secret_for_typing(device):
    """The base32 secret in groups of four, for apps without a camera."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _check(device, code):
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)
        raise CodeRefused(f"Too many wrong codes. Wait {wait} seconds, then try again.")
    code = "".join(str(code).split())
    if not (code.isdigit() and len(code) == device.digits and device.verify_token(code)):
        raise CodeRefused("That code is not right. Enter the current 6-digit code from your app.")


def verify(request, code):
    """Check a code against the user's authenticator and mark the session as verified."""
    device = enabled_device(request.user)
    if device is None:
        raise CodeRefused("Two-factor sign-in is not set up for this account.")
    _check(device, code)
    otp_login(request, device)


@transaction.atomic
def enable(request, code):
    """Confirm the pending authenticator with its first code; it replaces any earlier one."""
    user = request.user
    device = pending_device(user)
    _check(device, code)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    # The device's own user row: request.user is django-otp's lazy wrapper around Django's
    # lazy user, which Wagtail's audit log does not see through.
    log(instance=device.user, action=ENABLED, user=user)


@transaction.atomic
def disable(request, code):
    """Remove the authenticator; the current code proves it is the owner asking."""
    user = request.user
    device = enabled_device(user)
    if device is None:
        return
    _check(device, code)
    owner = device.user  # the user row, as in enable()
    TOTPDevice.objects.filter(user=user).delete()
    log(instance=owner, action=DISABLED, user=user)


def reset(user, by=None):
    """Remove a user's authenticators (a lost phone): they sign in with the password alone,
    or, where two-factor is required, set up a new app at their next sign-in."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        log(instance=user, action=DISABLED, user=by)
    return deleted
