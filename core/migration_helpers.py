"""What the squashed migrations (each app's `0001_squashed_*`) and the old migrations they
replace share, so that no app's migrations depend on an app above it.

Django gives a squashed migration every dependency of the migrations it replaces, so the old
migrations had to stop naming apps above their own: where one of them relied on such an
order, a database that still runs it (one migrated part-way before the squash) is now
checked instead (`require_applied`). And three apps hold tables that apps above them built
(authors and clinicians in `people`, the medical review in `medical_review`, the site
settings in `core`): on a new database their own squashed migration creates them
(`TablesFromOldHome`); on an older one the old migrations made them, or will, and only
Django's record of the models changes, as before.

Nothing here is needed once every deployment has applied the squashed migrations and the old
ones are deleted: then `TablesFromOldHome` can become its plain operations.
"""

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder

# What a database migrated part-way before the squash runs, in this order, when an old
# migration finds what it needs not there yet: each step migrates one app to its end, which
# needs nothing from the apps above it.
CATCH_UP = (
    "python manage.py migrate practice",
    "python manage.py migrate consultations",
    "python manage.py migrate",
)


def applied(connection):
    """The (app label, migration name) pairs recorded as applied on `connection`."""
    return set(MigrationRecorder(connection).applied_migrations())


def has_history(connection, app_label):
    """Whether any migration of `app_label` is recorded as applied: then it runs (or ran)
    its old migrations, which build its tables, not its squashed one."""
    return any(app == app_label for app, _ in applied(connection))


class TablesFromOldHome(migrations.SeparateDatabaseAndState):
    """`operations` on Django's record of the models always; on the database only where the
    tables are not there (none of `tables`) and will not be made by `old_home`, the app whose
    old migrations built them (its migration `built_by` did).

    So a new database gets them here, whichever of this app's and `old_home`'s squashed
    migrations runs first; a database that ran `old_home`'s old migrations has them, or gets
    them from the old migration still to run, which hands them over. Backwards they go only
    where `old_home` has no migration applied any more (its squashed migration, which needs
    them, was unapplied first)."""

    def __init__(self, old_home, built_by, tables, operations):
        self.old_home, self.built_by, self.tables = old_home, built_by, tables
        super().__init__(database_operations=operations, state_operations=operations)

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [self.old_home, self.built_by, self.tables, self.state_operations],
            {},
        )

    def _made_elsewhere(self, connection):
        if set(self.tables) & set(connection.introspection.table_names()):
            return True
        # Applied old migrations of `old_home`, but not yet the one that builds the tables: it
        # is still to run (a squashed migration would have recorded it too).
        built = (self.old_home, self.built_by) in applied(connection)
        return has_history(connection, self.old_home) and not built

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not self._made_elsewhere(schema_editor.connection):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if not has_history(schema_editor.connection, self.old_home):
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Tables {self.old_home}'s old migrations built, where they are not yet"


def require_applied(*needed):
    """A first operation for an old migration that used to depend on a migration of an app
    above its own: it stops, before anything changes, unless `needed` ((app label, name)
    pairs) are applied, and says how to get there. Only a database migrated part-way before
    the squash runs old migrations, and only one from before the needed ones can stop here."""

    def check(apps, schema_editor):
        missing = sorted(set(needed) - applied(schema_editor.connection))
        if missing:
            names = ", ".join(f"{app}.{name}" for app, name in missing)
            steps = "; then ".join(f"`{step}`" for step in CATCH_UP)
            raise RuntimeError(
                f"This database was migrated part-way before the squashed migrations, and "
                f"this old migration now needs {names} applied first. Run {steps}."
            )

    return migrations.RunPython(check, migrations.RunPython.noop)


SITE_SETTINGS_MODELS = ("practicesettings", "practiceidentity")


def _relabel_site_settings(apps, schema_editor, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in SITE_SETTINGS_MODELS:
        # A database migrated from scratch has no row yet (post_migrate makes it), and one
        # whose row already has the new label needs nothing.
        if not types.filter(app_label=new_label, model=model).exists():
            types.filter(app_label=old_label, model=model).update(app_label=new_label)


def move_site_settings_to_core(apps, schema_editor):
    """The site settings' tables, built by `practice`'s old migrations (practice_*), take
    core's names, and their content types follow (so permissions, revisions and the audit
    log keep pointing at the same rows). Idempotent: nothing to do where they moved."""
    tables = set(schema_editor.connection.introspection.table_names())
    for model_name in SITE_SETTINGS_MODELS:
        model = apps.get_model("core", model_name)
        old_table = f"practice_{model_name}"
        if old_table in tables and model._meta.db_table not in tables:
            schema_editor.alter_db_table(model, old_table, model._meta.db_table)
    _relabel_site_settings(apps, schema_editor, "practice", "core")


def move_site_settings_back_to_practice(apps, schema_editor):
    """The reverse of `move_site_settings_to_core`, for `practice`'s old migrations."""
    tables = set(schema_editor.connection.introspection.table_names())
    for model_name in SITE_SETTINGS_MODELS:
        model = apps.get_model("core", model_name)
        old_table = f"practice_{model_name}"
        if model._meta.db_table in tables and old_table not in tables:
            schema_editor.alter_db_table(model, model._meta.db_table, old_table)
    _relabel_site_settings(apps, schema_editor, "core", "practice")
