"""Serving like a real deployment: health checks, security headers, lockout, logs, SEO files."""

import io
import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError
from django.test import Client
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect

from practice import views
from practice.settings.base import BASE_DIR
from security.logging import JsonFormatter
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data

pytestmark = pytest.mark.django_db


# --- Health checks -----------------------------------------------------------------------


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_readyz_checks_database_and_migrations(client, monkeypatch):
    monkeypatch.setattr(views, "_migrations_applied", False)
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["status"] == "ready"

    monkeypatch.setattr(views, "_migrations_applied", False)
    monkeypatch.setattr(views, "_pending_migrations", lambda: ["consultations.0099"])
    assert client.get("/readyz").status_code == 503

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "database unavailable"


def test_readyz_is_never_served_from_the_page_cache(client, django_assert_max_num_queries):
    client.get("/readyz")
    with django_assert_max_num_queries(1) as queries:
        response = client.get("/readyz")
    assert len(queries) == 1  # the database was really asked again
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


# --- Security headers ----------------------------------------------------------------------


def _csp(response):
    return dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


@pytest.mark.parametrize("path", ["/", "/about/", "/offices/", "/offices/santa-monica/", "/book/"])
def test_public_pages_send_strict_security_headers(client, home, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = _csp(response)
    assert policy["script-src"] == "'self'"  # no unsafe-inline, no third parties
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Request-ID"]


def test_public_pages_have_no_inline_scripts(client, home):
    html = client.get("/offices/santa-monica/").content.decode()
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/pages/", "/admin/images/", "/admin/settings/core/practicesettings/"],
)
def test_admin_works_under_its_own_policy(admin_client_logged_in, home, path):
    response = admin_client_logged_in.get(path, follow=True)
    assert response.status_code == 200
    policy = _csp(response)
    assert policy["frame-ancestors"] == "'self'"
    assert "'unsafe-inline'" in policy["script-src"]


def test_admin_page_editor_and_preview_load(admin_client_logged_in, home):
    from practice.models import ContentPage

    page = ContentPage.objects.get(slug="about")
    edit = admin_client_logged_in.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    preview = admin_client_logged_in.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert preview.status_code == 200
    # Wagtail frames its own preview: same-origin framing only.
    assert preview.get("X-Frame-Options", "SAMEORIGIN") == "SAMEORIGIN"


def _deploy_env(**extra):
    dropped = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the latter: browser tests
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="practice.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="www.example.com",
        **extra,
    )
    return env


def test_check_deploy_is_clean_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=_deploy_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout


def _img_src_under_production(**extra_env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from csp.utils import build_policy; "
        "print(build_policy()); print(build_policy(config=s.ADMIN_CONTENT_SECURITY_POLICY))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=_deploy_env(**extra_env),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    headers = result.stdout.strip().splitlines()[-2:]
    return [
        next(p.split()[1:] for p in header.split(";") if p.split()[:1] == ["img-src"])
        for header in headers
    ]


@pytest.mark.parametrize(
    ("storage_env", "origin"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "cdn.example.com"}, "https://cdn.example.com"),
        ({"AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud"}, "https://s3.fr-par.scw.cloud"),
        ({}, "https://practice-media.s3.amazonaws.com"),
    ],
)
def test_images_from_s3_are_allowed_by_the_content_security_policy(storage_env, origin):
    public, admin = _img_src_under_production(
        AWS_STORAGE_BUCKET_NAME="practice-media", **storage_env
    )
    assert origin in public and origin in admin
    assert public[0] == "'self'"


def test_local_media_adds_no_image_origin():
    public, admin = _img_src_under_production()
    assert public == ["'self'", "data:"]


def test_media_origins_match_the_urls_django_storages_builds():
    from practice.settings.base import media_origins

    assert media_origins("/media/", "b", region="us-west-2") == [
        "https://b.s3.amazonaws.com",
        "https://b.s3.us-west-2.amazonaws.com",
    ]
    # A custom domain with a path, and a CDN media URL, count by origin only.
    assert media_origins("https://img.example.com/m/", "b", custom_domain="cdn.example.com/m") == [
        "https://img.example.com",
        "https://cdn.example.com",
    ]
    assert media_origins("/media/", "", endpoint="http://127.0.0.1:9000") == []


def test_production_cookies_are_secure_and_http_only():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=_deploy_env(),
        capture_output=True,
        text=True,
    )
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["True", "True", "True", "True", "Lax", "True"], result.stderr


def test_login_cookies_are_http_only_and_same_site(client, superuser):
    client.get("/admin/login/")
    response = client.post(
        "/admin/login/", {"username": "boss", "password": "pw-boss-123"}, follow=False
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


# --- Admin lockout ---------------------------------------------------------------------------


def test_admin_login_locks_out_after_repeated_failures(client, superuser, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "boss", "password": "pw-boss-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    from axes.models import AccessAttempt

    # Stored in the shared database, so every app server enforces it.
    assert AccessAttempt.objects.filter(username="boss").exists()


# --- Uploads -------------------------------------------------------------------------------


def test_oversized_image_uploads_are_refused(admin_client_logged_in, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    buffer = io.BytesIO()
    PILImage.new("RGB", (200, 200), "white").save(buffer, "PNG")
    buffer.name = "big.png"
    buffer.seek(0)
    response = admin_client_logged_in.post(
        "/admin/images/add/", {"title": "Too big", "file": buffer, "collection": 1}
    )
    assert response.status_code == 200  # the form comes back with an error
    assert b"pixels" in response.content
    from wagtail.images.models import Image

    assert not Image.objects.filter(title="Too big").exists()


def _noise_png(name, size=(200, 200)):
    """A PNG that does not compress: 200 x 200 random pixels are over 100 KB."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    buffer.name = name
    buffer.seek(0)
    return buffer


def test_image_over_the_upload_size_limit_is_a_form_error(admin_client_logged_in, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50 * 1024
    upload = _noise_png("heavy.png")
    assert upload.getbuffer().nbytes > 50 * 1024
    response = admin_client_logged_in.post(
        "/admin/images/add/", {"title": "Too heavy", "file": upload, "collection": 1}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert b"This file is too big" in response.content
    from wagtail.images.models import Image

    assert not Image.objects.filter(title="Too heavy").exists()


def test_image_over_the_upload_size_limit_is_refused_by_multiple_upload(
    admin_client_logged_in, settings
):
    # The drag-and-drop uploader (the admin's default) answers JSON with the reason.
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50 * 1024
    response = admin_client_logged_in.post(
        "/admin/images/multiple/add/", {"files[]": _noise_png("heavy.png")}
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "too big" in answer["error_message"]
    from wagtail.images.models import Image

    assert not Image.objects.filter(title="heavy").exists()


def _upload_png(client, title, size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "PNG")
    buffer.name = "upload.png"
    buffer.seek(0)
    response = client.post("/admin/images/add/", {"title": title, "file": buffer, "collection": 1})
    assert response.status_code == 302, response.content[:500]
    from wagtail.images.models import Image

    return Image.objects.get(title=title)


def test_an_uploaded_images_rendition_is_served_with_cache_headers(admin_client_logged_in):
    image = _upload_png(admin_client_logged_in, "Served upload")
    rendition = image.get_rendition("fill-32x32")
    assert rendition.url.startswith("/media/images/")
    anonymous = Client()
    response = anonymous.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert anonymous.get(image.file.url).status_code == 200  # the original too


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/secret.pdf",  # documents go through Wagtail's privacy-checking view
        "/media/images/../../pyproject.toml",
        "/media/images/%2e%2e/%2e%2e/manage.py",
        "/media/images/no-such-image.png",
        "/media/images/",
    ],
)
def test_media_serves_nothing_but_existing_images(client, path):
    assert client.get(path).status_code == 404


def test_media_view_steps_aside_when_media_is_not_local(admin_client_logged_in, settings):
    image = _upload_png(admin_client_logged_in, "Local upload")
    url = image.get_rendition("fill-32x32").url
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert Client().get(url).status_code == 404


# --- Logs carry no personal data -----------------------------------------------------------


def test_a_booking_leaves_no_personal_data_in_logs(
    caplog, client, home, settings, django_capture_on_commit_callbacks
):
    from consultations import availability
    from offices.models import OfficePage

    settings.BOOKING_MIN_FILL_SECONDS = 0

    def submit(form):
        with django_capture_on_commit_callbacks(execute=True):  # emails are sent too
            return client.post("/book/details/", form)

    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    slot = next(iter(availability.open_slots("in_person", office.pk, days=21).values()))[0]
    data = booking_data(
        office,
        slot,
        first_name="Zelda",
        last_name="Quibbleworth",
        email="zelda.q@example.org",
        phone="(310) 555-0199",
        message="Worried about droopy lids",
    )
    with caplog.at_level(logging.DEBUG):
        response = submit(data)
        assert response.status_code == 302
        confirmation = response["Location"]
        submit(data)  # a resubmit, and a bad one, log too
        submit({**data, "email": "not-an-email", "token": "x"})
    formatter = JsonFormatter()
    text = "\n".join(formatter.format(record) for record in caplog.records)
    assert "practice.access" in text  # the access log did run
    for secret in ("Zelda", "Quibbleworth", "zelda.q", "555-0199", "5550199", "droopy"):
        assert secret not in text
    token = confirmation.rstrip("/").rsplit("/", 1)[-1]
    assert token not in text


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_logs_json_to_stdout_with_link_tokens_masked(db, tmp_path):
    """gunicorn's own lines (start-up, access) come out as the app's JSON on stdout."""
    from django.db import connection

    # SQLite's test database lives in this process's memory, out of gunicorn's reach.
    require_postgresql("The gunicorn logging test")
    port = _free_port()
    env = _deploy_env(
        DATABASE_URL="postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
            **{k: connection.settings_dict[k] or "" for k in ("USER", "HOST", "PORT", "NAME")}
        )
        if connection.vendor == "postgresql"
        else f"sqlite:///{connection.settings_dict['NAME']}",
        REDIS_URL="",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_ACCESS_LOG="true",
        WEB_CONCURRENCY="1",
        HOST="127.0.0.1",
        PORT=str(port),
        LOG_LEVEL="INFO",
        LOG_FORMAT="json",
    )
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    # Where gunicorn would put its per-user control socket, were it not turned off.
    env["HOME"] = str(tmp_path)
    env.pop("XDG_RUNTIME_DIR", None)
    run = {"cwd": BASE_DIR, "env": env}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], **run)
    out, err = (tmp_path / "stdout").open("w+"), (tmp_path / "stderr").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        stdout=out,
        stderr=err,
        **run,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                break
            try:
                if _get(base + "/healthz") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        assert server.poll() is None, "gunicorn did not start"
        assert _get(base + "/book/manage/SeCrEtToKeN123/?email=zelda%40example.org") == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
    out.seek(0)
    err.seek(0)
    lines = [json.loads(line) for line in out.read().splitlines() if line.strip()]
    stderr = err.read()
    gunicorn_lines = [line for line in lines if line["logger"].startswith("gunicorn")]
    assert any("Listening at" in line["message"] for line in gunicorn_lines), lines
    assert "Listening at" not in stderr and "Booting worker" not in stderr
    # No control socket: several servers of one account never race for one.
    assert not (tmp_path / ".gunicorn").exists()
    assert not [line for line in gunicorn_lines if line["level"] == "ERROR"], gunicorn_lines
    access = [line for line in gunicorn_lines if line["logger"] == "gunicorn.access"]
    assert {"method": "GET", "path": "/book/manage/<token>/", "status": 404}.items() <= (
        access[-1].items()
    )
    assert access[-1]["request_id"] != "-"  # the app's id, from its X-Request-ID header
    text = json.dumps(gunicorn_lines) + stderr
    assert "SeCrEtToKeN123" not in text and "zelda" not in text


def test_gunicorn_error_lines_mask_tokens_and_query_strings():
    from security.serving import MaskedJsonFormatter

    record = logging.LogRecord(
        "gunicorn.error", logging.ERROR, __file__, 1, "Error handling request %s", None, None
    )
    record.args = ("GET /book/confirmation/tok.en-1?email=a%40b.org",)
    line = json.loads(MaskedJsonFormatter().format(record))
    assert line["message"] == "Error handling request GET /book/confirmation/<token>"


def test_log_lines_are_json_with_the_request_id(client, caplog, home):
    with caplog.at_level(logging.INFO, logger="practice.access"):
        response = client.get("/about/", HTTP_X_REQUEST_ID="lb-1234")
    assert response["X-Request-ID"] == "lb-1234"
    record = next(r for r in caplog.records if r.name == "practice.access")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "lb-1234"
    assert line["path"] == "/about/" and line["status"] == 200
    # A hostile header value is replaced rather than echoed into logs.
    response = client.get("/about/", HTTP_X_REQUEST_ID="evil\nvalue")
    assert response["X-Request-ID"] != "evil\nvalue"


# --- Search engines --------------------------------------------------------------------------


def test_sitemap_lists_live_pages_with_lastmod(client, home):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/offices/santa-monica/</loc>" in body
    assert "<lastmod>" in body
    assert "/book/manage/" not in body


def test_robots_points_to_sitemap_and_hides_admin(client, home):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_managed_redirects_work(client, home):
    Redirect.objects.create(old_path="/our-offices", redirect_link="/offices/")
    response = client.get("/our-offices")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/offices/")


def test_https_responses_carry_strict_transport_security(client, home, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/about/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # Served from the page cache, the header is still there.
    cached = client.get("/about/", secure=True)
    assert cached["X-Page-Cache"] == "hit"
    assert "Strict-Transport-Security" in cached


def test_django_log_lines_never_carry_a_self_service_link_token(client, home):
    from django.test import Client

    from security.logging import RequestIdFilter

    # The handler settings.LOGGING configures, writing to a buffer for this test.
    [console] = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RequestIdFilter) for f in handler.filters)
    ]
    token = "SecretLinkToken_4f2a9c"
    buffer = io.StringIO()
    previous = console.setStream(buffer)
    try:
        assert client.get(f"/book/manage/{token}/").status_code == 404
        assert client.get(f"/book/calendar/{token}/?x=1").status_code == 404
        strict = Client(enforce_csrf_checks=True)
        assert strict.post(f"/book/manage/{token}/", {"action": "cancel"}).status_code == 403
    finally:
        console.setStream(previous)
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    messages = [line["message"] for line in lines]
    # Django's own warnings were written, with the path masked.
    assert "Not Found: /book/manage/<token>/" in messages
    assert "Not Found: /book/calendar/<token>/" in messages
    assert any(m.startswith("Forbidden (CSRF") and "/book/manage/<token>/" in m for m in messages)
    assert token not in buffer.getvalue()
