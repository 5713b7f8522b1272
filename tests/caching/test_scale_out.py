"""Two app servers (gunicorn, production settings) sharing one PostgreSQL and one Redis.

Shows what scale-out needs: a page published through one server is fresh on the other at
once, one slot booked through both at the same moment is booked once, and the booking rate
limit counts across both.
"""

import gzip
import html
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultations import availability
from consultations.models import ConsultationRequest, Mode, Procedure
from offices.models import OfficePage
from practice.models import ContentPage
from practice.settings.base import BASE_DIR

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def _redis_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _require_services():
    missing = []
    if connection.vendor != "postgresql":
        missing.append("PostgreSQL (DATABASE_URL)")
    if not _redis_up():
        missing.append("Redis on 127.0.0.1:6379")
    if missing:
        message = f"The two-server test needs {', '.join(missing)}."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, port, env, log_path):
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env={**env, "PORT": str(port), "HOST": "127.0.0.1"},
            stdout=log_path.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def log_tail(self):
        return self.log_path.read_text(errors="replace")[-3000:]

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log_tail())
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.base} did not become ready")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, ip="198.51.100.1"):
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self.NoRedirect
        )
        self.ip = ip

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"X-Forwarded-For": self.ip})
        if data is not None:
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def form(self, url):
        status, _, body = self.request(url)
        assert status == 200, (url, status)
        fields = {}
        for name, value in HIDDEN.findall(body):
            fields.setdefault(name, []).append(html.unescape(value))
        return fields


def _production_env(tmp_path, **overrides):
    """The environment of an app server under the production settings, on the test database,
    collectstatic done (whitenoise serves the hashed, compressed files)."""
    static_root = tmp_path / "static"
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith("PYTEST") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },
        "DJANGO_SETTINGS_MODULE": "practice.settings.production",
        "SECRET_KEY": "two-server-test-" + uuid.uuid4().hex * 2,
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
            **{k: connection.settings_dict[k] or "" for k in ("USER", "HOST", "PORT", "NAME")}
        ),
        "REDIS_URL": "redis://127.0.0.1:6379/14",
        "CACHE_KEY_PREFIX": f"twoservers-{uuid.uuid4().hex[:8]}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "TRUSTED_PROXY_COUNT": "1",
        "BOOKING_MIN_FILL_SECONDS": "0",
        "BOOKING_RATE_LIMIT": "3",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "plain",
        # The test database's uploads: the app serves them itself (no S3 bucket set).
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **overrides,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def _use_production_password_hash(superuser):
    # Production settings hash with PBKDF2; the test settings' fast MD5 hash would not verify.
    superuser.password = PBKDF2PasswordHasher().encode("pw-boss-123", "twoserverssalt")
    superuser.save()


@pytest.fixture
def servers(seeded, superuser, tmp_path):
    _use_production_password_hash(superuser)
    _require_services()
    env = _production_env(tmp_path)
    pair = [Server(_free_port(), env, tmp_path / f"server{i}.log") for i in (1, 2)]
    try:
        for server in pair:
            server.wait_ready()
        yield pair
    finally:
        for server in pair:
            server.stop()


def _login(browser, server):
    fields = browser.form(server.base + "/admin/login/")
    status, headers, _ = browser.request(
        server.base + "/admin/login/",
        {**fields, "username": "boss", "password": "pw-boss-123"},
    )
    assert status == 302, "login failed"


def _publish_through_admin(browser, server, page, title):
    url = f"{server.base}/admin/pages/{page.pk}/edit/"
    fields = browser.form(url)
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([("paragraph", rich_text("<p>Republished through server A.</p>"))]),
        }
    )
    data.update(csrfmiddlewaretoken=fields["csrfmiddlewaretoken"][0], **{"action-publish": "1"})
    status, _, body = browser.request(url, data)
    assert status == 302, server.log_tail()


def _booking_form(browser, server, slot, office, procedure, email, index):
    """The final step's form as a visitor fills it in (hidden fields as the server gave them)."""
    query = urllib.parse.urlencode(
        {"mode": Mode.IN_PERSON, "office": office.pk, "procedures": procedure.pk, "slot": slot}
    )
    fields = browser.form(f"{server.base}/book/details/?{query}")
    return {
        **fields,
        "first_name": f"Client{index}",
        "last_name": "Tester",
        "email": email,
        "phone": "(310) 555-0100",
        "preferred_contact": "email",
        "consent": "on",
        "website": "",
    }


def _book(server, slot, office, procedure, email, ip, results, index, barrier=None):
    browser = Browser(ip=ip)
    data = _booking_form(browser, server, slot, office, procedure, email, index)
    if barrier:
        barrier.wait(timeout=60)
    status, _, body = browser.request(f"{server.base}/book/details/", data)
    results[index] = (status, body)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_app_servers_share_cache_bookings_and_limits(servers):
    a, b = servers
    page = ContentPage.objects.get(slug="privacy-policy")

    # 1. A page published through server A is fresh on server B on the next request.
    visitor = Browser()
    visitor.request(b.base + "/privacy-policy/")
    status, headers, _ = visitor.request(b.base + "/privacy-policy/")
    assert headers["X-Page-Cache"] == "hit"
    editor = Browser()
    _login(editor, a)
    _publish_through_admin(editor, a, page, "Privacy, republished")
    status, headers, body = visitor.request(b.base + "/privacy-policy/")
    assert status == 200
    assert "Privacy, republished" in body
    assert headers["X-Page-Cache"] == "miss"

    # 2. Twenty visitors book one slot through both servers at once: one booking.
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    procedure = Procedure.objects.order_by("pk").first()
    ConsultationRequest.objects.all().delete()
    slots = [s for day in availability.open_slots(Mode.IN_PERSON, office.pk).values() for s in day]
    contested = slots[0].value
    attempts = 20
    results = [None] * attempts
    barrier = threading.Barrier(attempts)
    threads = [
        threading.Thread(
            target=_book,
            args=(
                (a, b)[i % 2],
                contested,
                office,
                procedure,
                f"c{i}@example.com",
                f"203.0.113.{i + 1}",
                results,
                i,
                barrier,
            ),
        )
        for i in range(attempts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    codes = [result[0] for result in results]
    assert codes.count(302) == 1, codes
    assert codes.count(409) == attempts - 1, codes
    assert ConsultationRequest.objects.count() == 1
    assert all("that time was just taken" in body for code, body in results if code == 409)

    # 3. The per-email rate limit (3 in the window) counts across both servers.
    results = [None] * 4
    for i in range(4):
        _book(
            (a, b)[i % 2],
            slots[5 + i].value,
            office,
            procedure,
            "repeat@example.com",
            f"192.0.2.{i + 1}",
            results,
            i,
        )
    assert [code for code, _ in results] == [302, 302, 302, 429]
    assert ConsultationRequest.objects.filter(email="repeat@example.com").count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_form_sent_many_times_at_once_lands_every_answer_on_its_booking(servers):
    """A double click or a phone retrying on a bad network: the same form, posted eight times
    at once through both servers, makes one booking, and every answer leads to it."""
    office = OfficePage.objects.get(locale__language_code="en", slug="beverly-hills")
    procedure = Procedure.objects.order_by("pk").first()
    ConsultationRequest.objects.all().delete()
    slot = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk).values()))[0]
    visitor = Browser(ip="203.0.113.200")
    data = _booking_form(visitor, servers[0], slot.value, office, procedure, "dup@example.com", 7)
    sends = 8
    answers = [None] * sends
    barrier = threading.Barrier(sends)

    def send(index):
        barrier.wait(timeout=60)
        answers[index] = visitor.request(f"{servers[index % 2].base}/book/details/", data)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(sends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [status for status, _, _ in answers] == [302] * sends, [a[0] for a in answers]
    booking = ConsultationRequest.objects.get()
    assert str(booking.submission_token) == data["token"][0]
    for index, (_, headers, _) in enumerate(answers):
        location = headers["Location"]
        assert location.startswith("/book/confirmation/"), location
        status, _, page = visitor.request(servers[(index + 1) % 2].base + location)
        assert status == 200
        assert f'<strong class="reference">{booking.reference}</strong>' in page


# --- One production server behind a TLS-terminating balancer --------------------------------


@pytest.fixture
def secure_server(seeded, superuser, tmp_path):
    """One app server as deployed: HTTPS only, secure cookies, trusting X-Forwarded-Proto."""
    _use_production_password_hash(superuser)
    _require_services()
    env = _production_env(
        tmp_path,
        SECURE_SSL_REDIRECT="true",
        SECURE_COOKIES="true",
        SECURE_PROXY_SSL_HEADER="true",
    )
    server = Server(_free_port(), env, tmp_path / "secure.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def _raw(url, https=True, data=None, headers=None):
    """One request as the balancer forwards it, no cookie jar, no redirects followed:
    (status, headers with every Set-Cookie, body bytes)."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    request.add_header("X-Forwarded-For", "198.51.100.77")
    if https:
        request.add_header("X-Forwarded-Proto", "https")
    opener = urllib.request.build_opener(Browser.NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _set_cookie(headers, name):
    lines = [line for line in headers.get_all("Set-Cookie") or [] if line.startswith(name + "=")]
    assert len(lines) == 1, headers.get_all("Set-Cookie")
    attributes = {part.strip().split("=")[0].lower() for part in lines[0].split(";")[1:]}
    value = lines[0].split(";", 1)[0].split("=", 1)[1]
    return value, attributes, lines[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_production_server_sends_secure_headers_cookies_and_cached_static(secure_server):
    base = secure_server.base
    https_base = base.replace("http://", "https://")

    # Plain http is sent to https; over https every page carries a preloadable HSTS header.
    status, headers, _ = _raw(base + "/about/", https=False)
    assert status == 301 and headers["Location"] == https_base + "/about/"
    for _ in range(2):
        status, headers, page = _raw(base + "/about/")
        assert status == 200
        assert headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
    assert headers["X-Page-Cache"] == "hit"  # the cached copy keeps it too

    # The CSRF cookie a visitor gets on the booking form: Secure, HttpOnly, SameSite.
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    procedure = Procedure.objects.order_by("pk").first()
    slot = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk).values()))[0]
    query = urllib.parse.urlencode(
        {
            "mode": Mode.IN_PERSON,
            "office": office.pk,
            "procedures": procedure.pk,
            "slot": slot.value,
        }
    )
    status, headers, _ = _raw(f"{base}/book/details/?{query}")
    assert status == 200
    _, attributes, line = _set_cookie(headers, "csrftoken")
    assert {"secure", "httponly", "samesite"} <= attributes and "SameSite=Lax" in line

    # The session cookie a staff sign-in gets: the same.
    status, headers, body = _raw(base + "/admin/login/")
    csrf_cookie, _, _ = _set_cookie(headers, "csrftoken")
    token = dict(HIDDEN.findall(body.decode()))["csrfmiddlewaretoken"]
    status, headers, _ = _raw(
        base + "/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": "boss", "password": "pw-boss-123"},
        headers={"Cookie": f"csrftoken={csrf_cookie}", "Referer": https_base + "/admin/login/"},
    )
    assert status == 302, secure_server.log_tail()
    _, attributes, line = _set_cookie(headers, "sessionid")
    assert {"secure", "httponly", "samesite"} <= attributes and "SameSite=Lax" in line

    # Hashed static files: far-future and immutable, gzip-compressed on request.
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.decode()).group(1)
    status, headers, plain = _raw(base + css, headers={"Accept-Encoding": "identity"})
    assert status == 200 and "Content-Encoding" not in headers
    status, headers, packed = _raw(base + css, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed) == plain and len(packed) < len(plain)
    cache_control = headers["Cache-Control"]
    assert "immutable" in cache_control and "public" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 365 * 24 * 3600

    # Uploaded images on local media: served by the app, cacheable for a day.
    status, headers, blog = _raw(base + "/blog/")
    image = re.search(r'src="(/media/images/[^"]+\.jpg)"', blog.decode()).group(1)
    status, headers, data = _raw(base + image)
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert data[:3] == b"\xff\xd8\xff"  # a JPEG
