"""The site through real outages (docs/deployment.md, "When a dependency fails").

Redis is cut by pointing the cache at a closed port on loopback; PostgreSQL is refused,
stalled or cut by a proxy in front of the test database (tests/faults.py) that the request's
connection goes through. Nothing is mocked: django-redis and libpq meet the dead service.
"""

import logging
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_save
from django.test import Client, override_settings
from wagtail.models import Page

from blog.models import BlogPage
from consultations import availability, notifications
from consultations.models import ConsultationRequest, Mode, Notification
from offices.models import OfficePage
from practice.models import ContentPage
from practice.settings.base import BASE_DIR
from security.logging import OncePerInterval
from security.outage import lift_statement_timeout, server_error
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data
from tests.faults import FaultyProxy, free_port

# --- Redis unreachable ----------------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    """Every cache on a Redis that is not there: nothing listens on the port."""
    location = f"redis://127.0.0.1:{free_port()}/0"
    options = {**settings.REDIS_OPTIONS, "SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25}
    settings.CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": options,
        }
        for alias in ("default", "renditions")
    }


def test_pages_render_while_redis_is_unreachable(client, seeded, redis_down):
    for path in ("/", "/es/", "/blog/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"<h1" in response.content


@pytest.mark.parametrize("page_cache", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_each_main_fragment_renders_while_redis_is_unreachable(
    client, seeded, redis_down, settings, page_cache
):
    """The main fragment of each page type, with what it reads only when it is rendered
    (JSON-LD, an article's topics and cards, an office's hours), renders with no cache."""
    settings.PAGE_CACHE_ENABLED = page_cache
    article = BlogPage.objects.live().filter(locale__language_code="en").order_by("-date")[0]
    office = OfficePage.objects.live().filter(locale__language_code="en").order_by("path")[0]
    expected = {
        "/": [b'"MedicalOrganization"', b"hero"],
        "/blog/": [b'"BreadcrumbList"', b"article-list", b"category-nav"],
        article.url: [b'"BlogPosting"', b"article__body", b"article-nav"],
        office.url: [b'"MedicalClinic"', b"office-hours", office.title.encode()],
    }
    for path, markers in expected.items():
        response = client.get(path)
        assert response.status_code == 200, path
        for marker in markers:
            assert marker in response.content, (path, marker)


def test_a_booking_goes_through_while_redis_is_unreachable(client, seeded, redis_down, settings):
    settings.BOOKING_MIN_FILL_SECONDS = 0
    ConsultationRequest.objects.all().delete()
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    slot = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk, days=21).values()))[0]
    # The rate limits cannot count: they let the booking through (fail open) ...
    response = client.post("/book/details/", booking_data(office, slot))
    assert response.status_code == 302
    assert ConsultationRequest.objects.filter(email="ana@example.com").count() == 1
    # ... and the database still refuses the same slot twice.
    again = client.post("/book/details/", booking_data(office, slot, email="bo@example.com"))
    assert again.status_code != 302
    assert ConsultationRequest.objects.count() == 1


def test_staff_publish_while_redis_is_unreachable(seeded, home, redis_down):
    page = home.add_child(instance=ContentPage(title="Opening hours in winter", slug="winter"))
    page.save_revision().publish()
    page.title = "Winter opening hours"
    page.save_revision().publish()
    assert Page.objects.get(pk=page.pk).specific.live
    assert Page.objects.get(pk=page.pk).title == "Winter opening hours"


def test_a_booking_email_sends_while_redis_is_unreachable(seeded, redis_down):
    consultation = ConsultationRequest.objects.filter(email__isnull=False).first()
    notification = Notification.objects.create(
        request=consultation, kind=Notification.Kind.VISITOR_CONFIRMATION
    )
    mail.outbox.clear()
    # Its manage link is built from the booking page's URL, which reads Wagtail's
    # site-root-paths cache: with Redis gone that read is a miss, not an error.
    notifications.deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT and notification.attempts == 1
    assert len(mail.outbox) == 1
    assert "/book/manage/" in mail.outbox[0].body


def test_readyz_says_degraded_but_ready_while_redis_is_unreachable(client, db, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "up", "redis": "down"}


def test_readyz_is_ready_with_redis_up_or_not_used(client, db, settings):
    # CI runs with REDIS_URL (a Redis that answers); a newcomer's run has none.
    redis = "up" if "django_redis" in settings.CACHES["default"]["BACKEND"] else "not used"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "up", "redis": redis}


# --- PostgreSQL refused, stalled or cut -------------------------------------------------------


@pytest.fixture
def postgresql_proxy():
    """A proxy in front of the test database, and a way to send the next requests' database
    connection through it. The test's own connection (and transaction) is left alone."""
    require_postgresql("Cutting the database connection")
    proxy = FaultyProxy(int(connection.settings_dict["PORT"] or 5432))
    original = connections["default"]
    settings_dict = {
        **original.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": proxy.port,
        # libpq's smallest useful wait: a stalled server fails the request after 2 s.
        "OPTIONS": {**original.settings_dict["OPTIONS"], "connect_timeout": 2},
        "CONN_MAX_AGE": 0,
    }
    through_proxy = type(original)(settings_dict, alias="default")

    class Route:
        """Inside: this thread's database connection goes through the proxy."""

        def __enter__(self):
            connections["default"] = through_proxy

        def __exit__(self, *exc):
            through_proxy.close()
            connections["default"] = original

    try:
        yield proxy, Route()
    finally:
        connections["default"] = original
        proxy.close()


@pytest.fixture
def visitor():
    """A client that gets the response a visitor gets, not the exception behind it."""
    return Client(raise_request_exception=False)


@override_settings(PAGE_CACHE_ENABLED=False)
def test_pages_answer_the_503_page_when_postgresql_refuses(visitor, seeded, postgresql_proxy):
    proxy, route = postgresql_proxy
    proxy.refuse()
    with route:
        english = visitor.get("/blog/")
        spanish = visitor.get("/es/")
        ready = visitor.get("/readyz")
        alive = visitor.get("/healthz")
    assert english.status_code == 503
    assert english["Retry-After"] == "30"
    assert "no-store" in english["Cache-Control"]
    assert "We’ll be back in a moment" in english.content.decode()
    assert spanish.status_code == 503
    assert 'lang="es"' in spanish.content.decode()
    assert "Volvemos en un momento" in spanish.content.decode()
    assert ready.status_code == 503 and ready.json()["database"] == "down"
    assert alive.status_code == 200


@override_settings(PAGE_CACHE_ENABLED=False)
def test_a_stalled_postgresql_gives_the_503_page_not_a_hang(visitor, seeded, postgresql_proxy):
    proxy, route = postgresql_proxy
    proxy.stall()  # accepts the connection, never says a word
    with route:
        response = visitor.get("/blog/")
    # It returned at all: libpq's connect_timeout ended the wait.
    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.content.decode()


def statement_timeout_of_a_new_connection():
    original = connections["default"]
    fresh = type(original)(original.settings_dict, alias="fresh")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]
    finally:
        fresh.close()


def test_web_connections_carry_a_statement_timeout_and_long_jobs_lift_it(db):
    require_postgresql("statement_timeout")
    # This test process ran `migrate`, which lifted the timeout for the whole process.
    connection_created.disconnect(dispatch_uid="no_statement_timeout")
    try:
        assert statement_timeout_of_a_new_connection() == "10s"
    finally:
        lift_statement_timeout()
    assert statement_timeout_of_a_new_connection() == "0"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_booking_cut_off_halfway_leaves_nothing_and_can_be_sent_again(
    visitor, seeded, postgresql_proxy, settings
):
    settings.BOOKING_MIN_FILL_SECONDS = 0
    proxy, route = postgresql_proxy
    ConsultationRequest.objects.all().delete()
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    slot = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk, days=21).values()))[0]
    data = booking_data(office, slot)

    def cut_the_database(sender, created, **kwargs):
        if created:  # the request's row is written, its emails and procedures are not yet
            proxy.refuse()

    post_save.connect(cut_the_database, sender=ConsultationRequest, dispatch_uid="cut")
    try:
        with route:
            response = visitor.post("/book/details/", data)
    finally:
        post_save.disconnect(sender=ConsultationRequest, dispatch_uid="cut")
    assert response.status_code == 503
    assert not ConsultationRequest.objects.exists()
    assert not Notification.objects.exists()

    # The database is back and the visitor sends the same form again: booked once.
    proxy.forward()
    with route:
        again = visitor.post("/book/details/", data)
    assert again.status_code == 302
    assert ConsultationRequest.objects.get().email == "ana@example.com"
    assert Notification.objects.filter(kind=Notification.Kind.VISITOR_CONFIRMATION).count() == 1


# --- The pieces ------------------------------------------------------------------------------


def test_production_bounds_every_wait_on_postgresql_and_redis():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.DATABASES['default']['OPTIONS']; r = s.CACHES['default']['OPTIONS']; "
        "print(o['connect_timeout'], o['keepalives'], o['tcp_user_timeout'], o['options'], "
        "r['SOCKET_CONNECT_TIMEOUT'], r['SOCKET_TIMEOUT'], r['IGNORE_EXCEPTIONS'])"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "practice.settings.production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://practice@127.0.0.1:5432/practice",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "3", "1", "5000", "-c", "statement_timeout=10000", "0.25", "0.25", "True"
    ]  # fmt: skip


def test_a_redis_outage_is_logged_once_a_minute_with_a_count():
    now = [0.0]
    once = OncePerInterval(seconds=60, clock=lambda: now[0])

    def record():
        message = "Exception ignored"
        return logging.LogRecord("practice.redis", logging.ERROR, "", 0, message, (), None)

    assert once.filter(record())
    assert not any(once.filter(record()) for _ in range(500))
    now[0] = 61.0
    line = record()
    assert once.filter(line)
    assert line.getMessage() == "Exception ignored (500 more like it in the last interval)"


def test_errors_other_than_the_database_keep_the_500_page(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
