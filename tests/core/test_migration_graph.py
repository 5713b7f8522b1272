"""The migrations' dependency graph follows the apps' layers, as the code does.

Django's migrate builds its plan from MigrationLoader's graph; on a new database that graph
has each app's squashed migration in place of the old ones it replaces (and gives it their
dependencies). Between the local apps that graph must have no cycle, and each app's
migrations may need only its own app and the apps in the layers below it: one app's models
can then be migrated without the apps above it, and no app waits for one that waits for it.
"""

import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from tests.old_migrations import SQUASHED_APPS

# Loading the migrations reads the database: wagtail_localize's first migration looks up a
# table when imported.
pytestmark = pytest.mark.django_db

# The local apps' layers, bottom first: the import-linter's "Layers" contract in
# pyproject.toml (checked below), by app label. `wordpress` is practice.wordpress's label;
# `bench` has no models.
LAYERS = [
    {"caching"},
    {"core", "security"},
    {"people"},
    {"medical_review"},
    {"blog", "offices"},
    {"procedures"},
    {"consultations"},
    {"practice", "wordpress"},
    {"bench"},
]
LAYER = {app: level for level, apps in enumerate(LAYERS) for app in apps}

# The one dependency up the layers, and why it cannot go.
UPWARD = {
    ("blog", "procedures"): "An article names the procedure pages it is about "
    "(BlogPage.procedures, a many-to-many field the article's editor fills in), so the blog's "
    "migrations need the procedure pages' model; procedures needs nothing from the blog.",
}


def fresh_loader():
    """The graph as a new database sees it: no migration applied, so every squashed
    migration replaces the old ones (MigrationLoader without a connection has none)."""
    return MigrationLoader(None, ignore_no_migrations=True)


def app_edges(loader):
    """{(app, app it depends on): [the migration-level dependencies behind it]}, local apps
    only."""
    edges: dict[tuple[str, str], list[str]] = {}
    for key in loader.graph.nodes:
        for parent in loader.graph.node_map[key].parents:
            app, needed = key[0], parent.key[0]
            if app != needed and app in LAYER and needed in LAYER:
                edges.setdefault((app, needed), []).append(f"{key[0]}.{key[1]} -> {parent}")
    return edges


def find_cycle(edges):
    """An app-level cycle as a list of app labels, or None."""
    graph: dict[str, set[str]] = {}
    for app, needed in edges:
        graph.setdefault(app, set()).add(needed)
    visiting, done = [], set()

    def visit(app):
        if app in visiting:
            return [*visiting[visiting.index(app) :], app]
        if app in done:
            return None
        visiting.append(app)
        for needed in sorted(graph.get(app, ())):
            cycle = visit(needed)
            if cycle:
                return cycle
        visiting.pop()
        done.add(app)
        return None

    for app in sorted(graph):
        cycle = visit(app)
        if cycle:
            return cycle
    return None


def test_the_layers_are_the_import_linters():
    pyproject = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    contract = next(
        c
        for c in pyproject["tool"]["importlinter"]["contracts"]
        if c["type"] == "layers" and c["name"].startswith("Layers")
    )
    packages = [{p.strip() for p in layer.split("|")} for layer in reversed(contract["layers"])]
    # practice.wordpress (label `wordpress`) is inside the contract's `practice`.
    assert [apps - {"wordpress"} for apps in LAYERS] == packages


def test_no_cycle_between_the_apps_migrations():
    edges = app_edges(fresh_loader())
    cycle = find_cycle(edges)
    if cycle:
        pairs = zip(cycle, cycle[1:], strict=False)
        evidence = [line for pair in pairs for line in edges[pair]]
        pytest.fail(
            "The apps' migrations depend on each other in a cycle: "
            + " -> ".join(cycle)
            + "".join(f"\n  {line}" for line in evidence)
        )


def test_each_apps_migrations_need_only_the_layers_below():
    edges = app_edges(fresh_loader())
    upward = {
        (app, needed): why
        for (app, needed), why in edges.items()
        if LAYER[needed] >= LAYER[app] and (app, needed) not in UPWARD
    }
    assert not upward, "Migrations that depend on an app not below their own:\n" + "\n".join(
        line for lines in upward.values() for line in lines
    )


def test_each_allowed_upward_dependency_is_still_there():
    # Once the blog no longer names the procedure pages, the exception goes.
    edges = app_edges(fresh_loader())
    assert set(UPWARD) <= set(edges)


def test_each_squash_needs_only_what_the_migrations_it_replaces_needed():
    """A database that ran all the old migrations a squashed one replaces has it applied, and
    Django refuses a history where an applied migration's dependency is not: so a squashed
    migration may need only what those old ones needed, by the same names (a squashed
    migration named instead would stand for all its old ones where its app is part-way)."""
    loader = MigrationLoader(None, ignore_no_migrations=True, replace_migrations=False)
    squashes = {
        key: m for key, m in loader.disk_migrations.items() if m.replaces and key[0] in LAYER
    }
    for key, squash in squashes.items():
        replaced = {tuple(old) for old in squash.replaces}
        inherited = {
            parent.key
            for old in replaced
            for parent in loader.graph.node_map[old].parents
            if parent.key not in replaced
        }
        needs = {parent.key for parent in loader.graph.node_map[key].parents}
        assert needs <= inherited, (key, needs - inherited)


def _model_states(state, apps):
    """Each model of `apps` in a migration state, as comparable values."""
    described = {}
    for (app, name), model in state.models.items():
        if app not in apps:
            continue
        options = {k: v for k, v in model.options.items() if v not in (None, False, [], ())}
        described[f"{app}.{name}"] = {
            "fields": {
                field_name: field.deconstruct()[1:] for field_name, field in model.fields.items()
            },
            "options": options,
            "bases": [b if isinstance(b, str) else b.__qualname__ for b in model.bases],
            "managers": [manager_name for manager_name, _ in model.managers],
        }
    return described


def test_the_squashed_migrations_make_the_models_the_old_ones_made():
    """What each squashed migration leaves in Django's record of the models is what the
    migrations it replaces left: a database upgraded through the old ones and a new one
    agree on every field, option and constraint."""
    loader = MigrationLoader(None, ignore_no_migrations=True, replace_migrations=False)
    squashes = {
        key: m for key, m in loader.disk_migrations.items() if m.replaces and key[0] in LAYER
    }
    apps = {app for app, _ in squashes}
    assert apps == SQUASHED_APPS
    old = loader.project_state(nodes=[tuple(m.replaces[-1]) for m in squashes.values()])
    new = loader.project_state(nodes=list(squashes))
    old_models, new_models = _model_states(old, apps), _model_states(new, apps)
    assert old_models.keys() == new_models.keys()
    for model in old_models:
        assert new_models[model] == old_models[model], model
