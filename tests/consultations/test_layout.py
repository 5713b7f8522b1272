"""Dependencies point one way: the booking flow's views import the models, never back."""

import ast

from practice.settings.base import BASE_DIR


def _imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_models_and_the_flow_table_never_import_views_even_inside_a_function():
    package = BASE_DIR / "consultations"
    paths = [*sorted((package / "models").glob("*.py")), package / "flow.py"]
    for path in paths:
        views = [m for m in _imported_modules(path) if m.startswith("consultations.views")]
        assert not views, f"{path.relative_to(BASE_DIR)} imports {views}"
