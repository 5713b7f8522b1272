"""Two-factor sign-in for staff: set up with a code, asked for after the password, throttled,
required site-wide when configured, and removable by its owner or an administrator."""

import re

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from security import two_factor

pytestmark = pytest.mark.django_db


def code_for(device, offset=0):
    """The code the user's app shows now (offset: steps into the future, for a second code)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += offset * device.step
    return str(totp.token()).zfill(device.digits)


def sign_in(client):
    client.get("/admin/login/")
    response = client.post("/admin/login/", {"username": "boss", "password": "pw-boss-123"})
    assert response.status_code == 302
    return response


@pytest.fixture
def enrolled(client, superuser):
    """The superuser with a confirmed authenticator app, signed out."""
    device = TOTPDevice.objects.create(user=superuser, name="Authenticator app", confirmed=True)
    return device


def test_staff_without_an_app_sign_in_with_the_password_alone(client, superuser):
    sign_in(client)
    assert client.get("/admin/").status_code == 200


def test_setting_up_shows_a_local_qr_code_and_needs_a_correct_code(client, superuser):
    client.force_login(superuser)
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Turn on two-factor sign-in" in html
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    # Reloading keeps the same secret, so an app that scanned it still matches.
    assert client.get("/admin/two-factor/").status_code == 200
    assert TOTPDevice.objects.filter(user=superuser).count() == 1
    key = re.search(r"Key: <code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")
    assert len(key) >= 32

    wrong = client.post("/admin/two-factor/", {"code": "000000"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    done = client.post("/admin/two-factor/", {"code": code_for(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert ModelLogEntry.objects.filter(action=two_factor.ENABLED, object_id=superuser.pk).exists()
    # The session that set it up counts as verified.
    assert client.get("/admin/").status_code == 200


def test_after_the_password_every_page_waits_for_the_code(client, enrolled):
    sign_in(client)
    for path in ("/admin/", "/admin/pages/", "/admin/two-factor/", "/about/"):
        response = client.get(path)
        if path == "/admin/two-factor/":
            continue  # the set-up page stays open (it shows the app as on)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-factor/verify/?next="), path

    prompt = client.get("/admin/two-factor/verify/?next=/admin/pages/")
    assert prompt.status_code == 200
    assert 'autocomplete="one-time-code"' in prompt.content.decode()

    wrong = client.post("/admin/two-factor/verify/", {"code": "12", "next": "/admin/pages/"})
    assert wrong.status_code == 400
    assert client.get("/admin/").status_code == 302

    enrolled.throttle_reset()
    ok = client.post(
        "/admin/two-factor/verify/", {"code": code_for(enrolled), "next": "/admin/pages/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_used_once_and_repeated_failures_are_throttled(client, enrolled):
    sign_in(client)
    used = code_for(enrolled)
    assert client.post("/admin/two-factor/verify/", {"code": used}).status_code == 302
    client.post("/admin/logout/")

    sign_in(client)
    replay = client.post("/admin/two-factor/verify/", {"code": used})
    assert replay.status_code == 400  # a code already used does not open a second session
    locked = client.post("/admin/two-factor/verify/", {"code": code_for(enrolled, offset=1)})
    assert locked.status_code == 400
    assert "Too many wrong codes" in locked.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_code_prompt_never_redirects_off_site(client, enrolled):
    sign_in(client)
    response = client.post(
        "/admin/two-factor/verify/",
        {"code": code_for(enrolled), "next": "https://evil.example/steal"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_required_two_factor_sends_staff_without_an_app_to_set_one_up(client, superuser, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    sign_in(client)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    prompt = client.get(response["Location"])
    assert prompt.status_code == 302 and prompt["Location"] == "/admin/two-factor/"
    page = client.get("/admin/two-factor/")
    assert "requires a second step" in page.content.decode()
    device = TOTPDevice.objects.get(user=superuser)
    assert client.post("/admin/two-factor/", {"code": code_for(device)}).status_code == 302
    assert client.get("/admin/pages/").status_code == 200


def test_the_owner_turns_it_off_with_a_current_code(client, enrolled, superuser):
    sign_in(client)
    client.post("/admin/two-factor/verify/", {"code": code_for(enrolled)})
    page = client.get("/admin/two-factor/")
    assert "Turn off two-factor sign-in" in page.content.decode()
    enrolled.refresh_from_db()
    refused = client.post("/admin/two-factor/", {"code": "999999"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()
    enrolled.refresh_from_db()
    enrolled.throttle_reset()
    response = client.post("/admin/two-factor/", {"code": code_for(enrolled, offset=1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert ModelLogEntry.objects.filter(action=two_factor.DISABLED).exists()


def test_the_account_page_links_to_two_factor_settings(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/account/").content.decode()
    assert "/admin/two-factor/" in html and "Two-factor sign-in: off" in html


def test_an_administrator_resets_a_lost_phone(enrolled, superuser, capsys):
    call_command("reset_two_factor", "boss")
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert "removed" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "nobody")
