"""Migrating a test database along the old migrations that the squashed ones replace, as a
database migrated part-way before the squash does (core.migration_helpers).

The test database is built from the squashed migrations, which record their old migrations
as applied too, so it can go back along those. Django's loader without replacements
(`replace_migrations=False`) has the old migrations as nodes to migrate to; here the local
apps' squashed migrations are then taken out as Django takes out one whose app is migrated
part-way, the migrations after them following their last old one, while Wagtail's squashed
migrations replace theirs as usual. Forwards again, Django's own executor takes over and picks
the old or the squashed migrations as on any database.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

# The apps whose migrations are squashed (each one's 0001_squashed_*).
SQUASHED_APPS = {
    "core",
    "people",
    "medical_review",
    "offices",
    "blog",
    "procedures",
    "consultations",
    "practice",
}


class OldMigrationLoader(MigrationLoader):
    """Django's migration graph as for a database where every app of SQUASHED_APPS is
    migrated part-way: their old migrations in place of the squashed ones."""

    def __init__(self, connection):
        super().__init__(connection, replace_migrations=False)

    def build_graph(self):
        super().build_graph()
        for key, squashed in self.replacements.items():
            applied = [old in self.applied_migrations for old in squashed.replaces]
            if key[0] not in SQUASHED_APPS and (all(applied) or not any(applied)):
                self.graph.remove_replaced_nodes(key, squashed.replaces)
            else:
                self.graph.remove_replacement_node(key, squashed.replaces)


class OldMigrationExecutor(MigrationExecutor):
    """Django's executor over the old migrations."""

    def __init__(self, connection):
        super().__init__(connection)
        self.loader = OldMigrationLoader(connection)


def migrate_old(*targets):
    """Migrate to `targets`, (app label, old migration name) pairs; return the executor (its
    loader gives the old migrations' models)."""
    executor = OldMigrationExecutor(connection)
    executor.migrate(list(targets))
    return executor


def unapply_old(*migrations):
    """Unapply the old `migrations` and the ones that depend on them, and only those (where
    `migrate_old((app, None))` would unapply the app's squashed migration too)."""
    executor = OldMigrationExecutor(connection)
    graph, applied = executor.loader.graph, executor.loader.applied_migrations
    plan = []
    for key in migrations:
        for node in graph.backwards_plan(key):
            if node in applied and (graph.nodes[node], True) not in plan:
                plan.append((graph.nodes[node], True))
    executor.migrate(list(migrations), plan=plan)
    return executor


def migrate_to_latest():
    """The rest of the way, as `manage.py migrate` would."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def catch_up():
    """The rest of the way for a database whose old migrations need others first: the steps
    core.migration_helpers.CATCH_UP tells the operator to run (practice, then the booking
    app, then everything)."""
    for app in ("practice", "consultations"):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes(app))
    migrate_to_latest()
