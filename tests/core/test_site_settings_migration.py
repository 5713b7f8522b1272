"""The site settings and the practice's name moved from the `practice` app to `core`: their
rows, their tables and their content types (so group permissions and the audit log) follow,
backwards (the old core 0001) and forwards again on a database migrated part-way before the
squash (tests/old_migrations.py), where core's squashed migration takes the tables over."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.site_settings import PracticeIdentity, PracticeSettings
from practice.roles import CONTENT_EDITORS
from tests.conftest import require_postgresql
from tests.old_migrations import migrate_to_latest, unapply_old

pytestmark = pytest.mark.django_db

BEFORE = ("practice", "0008_accessibility_statement_and_procedures")


def before_the_move():
    """Back to before the move: the old core 0001 and, depending on it, practice 0010
    (`migrate practice 0008` alone would leave core 0001 applied)."""
    executor = unapply_old(("core", "0001_initial"))
    return executor.loader.project_state([BEFORE]).apps


def app_label_of(content_type):
    return ContentType.objects.filter(pk=content_type.pk).values_list("app_label", flat=True)[0]


def test_settings_and_names_keep_their_rows_permissions_and_log_both_ways(seeded):
    require_postgresql("Migrating back and forth inside the test's transaction")
    # ALTER TABLE refuses to run past the test transaction's deferred foreign-key checks.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    settings = PracticeSettings.objects.get()
    settings.email = "hello@example.com"
    settings.save()
    names = dict(PracticeIdentity.objects.values_list("locale__language_code", "name"))
    english = PracticeIdentity.objects.get(locale__language_code="en")
    entry = log(instance=english, action="wagtail.edit")
    identity_type = ContentType.objects.get_for_model(PracticeIdentity)
    settings_type = ContentType.objects.get_for_model(PracticeSettings)
    editors = Group.objects.get(name=CONTENT_EDITORS)
    granted = editors.permissions.get(codename="change_practiceidentity")
    assert granted.content_type_id == identity_type.pk

    # Back: the rows are `practice`'s again, in its tables, under the same content types.
    old = before_the_move()
    old_settings = old.get_model("practice", "PracticeSettings").objects.get()
    assert (old_settings.pk, old_settings.email) == (settings.pk, "hello@example.com")
    old_identities = old.get_model("practice", "PracticeIdentity").objects
    assert dict(old_identities.values_list("locale__language_code", "name")) == names
    assert app_label_of(identity_type) == app_label_of(settings_type) == "practice"
    tables = connection.introspection.table_names()
    assert "practice_practicesettings" in tables
    assert "core_practicesettings" not in tables

    # Forwards: the same rows under `core`, and what pointed at them still does.
    migrate_to_latest()
    assert PracticeSettings.objects.get().email == "hello@example.com"
    assert dict(PracticeIdentity.objects.values_list("locale__language_code", "name")) == names
    assert app_label_of(identity_type) == app_label_of(settings_type) == "core"
    assert editors.permissions.filter(pk=granted.pk, content_type=identity_type).exists()
    assert ModelLogEntry.objects.get(pk=entry.pk).content_type_id == identity_type.pk
    tables = connection.introspection.table_names()
    assert {"core_practicesettings", "core_practiceidentity"} <= set(tables)
    assert "practice_practiceidentity" not in tables
