"""The migrations that moved the practice's name and tagline from the site settings into a
translatable snippet keep what staff had typed, forwards and back, on a database migrated
part-way before practice's migrations were squashed (tests/old_migrations.py)."""

import pytest
from django.db import connection

from core.site_settings import PracticeIdentity, PracticeSettings
from tests.conftest import require_postgresql
from tests.old_migrations import migrate_old, migrate_to_latest, unapply_old

pytestmark = pytest.mark.django_db

BEFORE = ("practice", "0004_practiceidentity")
AFTER = ("practice", "0006_remove_practicesettings_wording")
# The authors' move to `people` needs the medical review's old home (blog 0013 checks for
# practice 0002): back before that, it goes back first, as it did when it named practice 0009
# as a dependency.
BEFORE_AUTHORS_MOVE = ("blog", "0012_seo_fields")


def migrate(target):
    executor = migrate_old(target)
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
    # The settings' tables back under practice's names: the old core 0001 (and practice 0010,
    # which needs it) goes back first, as it did when it named practice 0008 as a dependency.
    unapply_old(("core", "0001_initial"))
    migrate_old(BEFORE_AUTHORS_MOVE)
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
    # The rest of the way: core's squashed migration leaves the tables to practice 0010.
    migrate_to_latest()
    identity = PracticeIdentity.objects.get()
    assert identity.locale.language_code == "en"
    assert (identity.name, identity.tagline) == ("Bayside Face Clinic", "Eyes, brows and noses")
    assert PracticeSettings.objects.get().practice_name == "Bayside Face Clinic"
