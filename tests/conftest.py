"""Shared fixtures: the seeded site, a clean cache per test, a user client."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate limits, lockouts and page caches live in the cache: no test may see another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    """The demo site as `manage.py seed_demo` builds it; returns the home page."""
    from practice.models import HomePage

    call_command("seed_demo", stdout=StringIO())
    return HomePage.objects.get()


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
