"""The commit hooks and `make lint` are the same checks, at the same versions."""

import re

import yaml

from practice.settings.base import BASE_DIR

# Each hook in .pre-commit-config.yaml, and the tool in requirements-dev.txt and the command
# in the Makefile's lint target that do its job.
HOOKS = {
    "trailing-whitespace": ("pre-commit-hooks", "trailing-whitespace-fixer"),
    "end-of-file-fixer": ("pre-commit-hooks", "end-of-file-fixer"),
    "ruff-check": ("ruff", "ruff check ."),
    "ruff-format": ("ruff", "ruff format --check ."),
    "djlint-django": ("djlint", "djlint templates --lint"),
    "mypy": ("mypy", "mypy"),
    "import-linter": ("import-linter", "lint-imports"),
}


def _pins():
    text = (BASE_DIR / "requirements-dev.txt").read_text()
    return {name.lower(): version for name, version in re.findall(r"^([\w.-]+)==(\S+)", text, re.M)}


def _lint_recipe():
    makefile = (BASE_DIR / "Makefile").read_text()
    return re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)


def _hooks():
    config = yaml.safe_load((BASE_DIR / ".pre-commit-config.yaml").read_text())
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            yield repo, hook


def test_every_commit_hook_runs_in_make_lint():
    recipe = _lint_recipe()
    hook_ids = {hook["id"] for _, hook in _hooks()}
    assert hook_ids == set(HOOKS)
    for hook_id, (_, command) in HOOKS.items():
        assert command in recipe, f"{hook_id}: `{command}` is not in make lint"


def test_commit_hooks_use_the_versions_pinned_for_make_lint():
    pins = _pins()
    for repo, hook in _hooks():
        if repo["repo"] == "local":
            continue
        package, _ = HOOKS[hook["id"]]
        assert repo["rev"] == f"v{pins[package]}", f"{hook['id']}: {repo['rev']}"
