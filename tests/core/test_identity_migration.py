"""The migrations that moved the practice's name and tagline from the site settings into a
translatable snippet keep what staff had typed, forwards and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.site_settings import PracticeIdentity, PracticeSettings
from tests.conftest import require_postgresql

pytestmark = pytest.mark.django_db

BEFORE = ("practice", "0004_practiceidentity")
AFTER = ("practice", "0006_remove_practicesettings_wording")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def test_the_name_and_tagline_move_to_the_default_language_and_back(seeded):
    require_postgresql("Migrating back and forth inside the test's transaction")
    # ALTER TABLE refuses to run past the test transaction's deferred foreign-key checks.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    settings_pk = PracticeSettings.objects.get().pk

    # Back: every site's settings get the default language's words again.
    PracticeIdentity.objects.filter(locale__language_code="en").update(
        name="Harbor Facial Surgery", tagline="Faces, carefully"
    )
    old = migrate(BEFORE).get_model("practice", "PracticeSettings")
    row = old.objects.get(pk=settings_pk)
    assert (row.practice_name, row.tagline) == ("Harbor Facial Surgery", "Faces, carefully")

    # Forwards from settings alone (a site from before the snippet): the default site's
    # words become the default language's row; no Spanish row is made up.
    old_apps = migrate(BEFORE)
    old_apps.get_model("practice", "PracticeIdentity").objects.all().delete()
    old_apps.get_model("practice", "PracticeSettings").objects.filter(pk=settings_pk).update(
        practice_name="Bayside Face Clinic", tagline="Eyes, brows and noses"
    )
    migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    identity = PracticeIdentity.objects.get()
    assert identity.locale.language_code == "en"
    assert (identity.name, identity.tagline) == ("Bayside Face Clinic", "Eyes, brows and noses")
    assert PracticeSettings.objects.get().practice_name == "Bayside Face Clinic"
