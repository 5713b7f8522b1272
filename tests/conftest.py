"""Shared fixtures: the seeded site, a clean cache per test, a user client."""

import os
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command


def require_postgresql(why):
    """Skip a PostgreSQL-only test on SQLite (a newcomer's `make test`), saying why; in CI,
    which runs on PostgreSQL, the same situation is a failure, never a skip."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    message = f"{why} needs PostgreSQL (set DATABASE_URL)."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def pytest_sessionstart(session):
    """Compile the .po catalogues as `make test` does, so a plain `pytest` run (and each
    worker) serves Spanish too; cheap when the .mo files are current."""
    from core.management.commands.compile_translations import compile_all

    compile_all()


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate limits, lockouts and page caches live in the cache: no test may see another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request under /es/ leaves Spanish active in the thread (LocaleMiddleware activates,
    # never deactivates): each test starts in the default language, as a request would.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def rendered(settings):
    """Switch the full-page cache off, so query budgets measure rendering, not cache hits."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the demo site once per test database: each test's transaction rolls back to it.

    Transactional tests (live server, concurrency) flush the database and get this seeded
    state back through serialized_rollback.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        from wagtail.models import Page

        if not Page.objects.filter(depth=1).exists():
            # A transactional test ends with a flush, so a database kept with --reuse-db after
            # one has lost what Wagtail's migrations created (the root page); only a new one helps.
            pytest.exit("The reused test database was left flushed: run pytest with --create-db.")
        call_command("seed_demo", stdout=StringIO())
        # Transactional tests marked serialized_rollback restore this snapshot after the flush
        # that ends the previous one: the seeded site, not an empty tree. It is set on the
        # connection class too: once Playwright's event loop runs in this thread, Django hands
        # out context-local connection objects that would not carry an instance attribute.
        for connection in connections.all():
            snapshot = connection.creation.serialize_db_to_string()
            connection._test_serialized_contents = snapshot
            type(connection)._test_serialized_contents = snapshot


@pytest.fixture
def seeded(db):
    """The demo site as `manage.py seed_demo` builds it; returns the home page."""
    from practice.models import HomePage

    call_command("seed_demo", stdout=StringIO())  # idempotent: cheap when already seeded
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def home(seeded):
    return seeded


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-boss-123")


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def approve():
    """Publish a page's current state and record a physician's review of it, as finishing the
    Medical review workflow does (tests of the workflow itself drive the admin instead)."""
    from medical_review.reviews import record_review

    def approve(page, reviewer, on=None):
        revision = page.save_revision()
        revision.publish()
        page.refresh_from_db()
        return record_review(page, revision, reviewer=reviewer, on=on)

    return approve


@pytest.fixture(params=[False, True], ids=["page-cache-off", "page-cache-on"])
def page_cache_enabled(request, settings):
    """Each test twice: with the full-page cache off, then on."""
    settings.PAGE_CACHE_ENABLED = request.param
    return request.param


@pytest.fixture
def fetch(client, seeded, page_cache_enabled, django_capture_on_commit_callbacks):
    """GET a URL as an anonymous visitor: its HTML, or None for a 404. `fetch.change(edit)`
    runs an edit with its commit hooks (the purges), as a saved form in the admin does."""

    def get(url):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        return response.content.decode() if response.status_code == 200 else None

    def change(edit):
        with django_capture_on_commit_callbacks(execute=True):
            return edit()

    get.change = change
    return get
