"""What `seed_demo` leaves for the task worker runs cleanly (on the production task backend,
where Wagtail's reference-index tasks run after the seeding, not during it)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from blog.models import BlogPage


@pytest.fixture
def run_worker(monkeypatch):
    """The real `db_worker --batch`, minus its connection recycling: the test's transaction
    must survive it."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())


def test_the_reference_index_tasks_seed_demo_queues_all_succeed(seeded, settings, run_worker):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    # seed_demo builds what is missing: without the Spanish articles it translates them again.
    for article in BlogPage.objects.filter(locale__language_code="es"):
        article.delete()
    call_command("seed_demo", stdout=StringIO())
    assert BlogPage.objects.filter(locale__language_code="es").exists()
    index_tasks = DBTaskResult.objects.filter(task_path="wagtail.tasks.update_reference_index_task")
    assert index_tasks.exists()

    run_worker()
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert [(task.task_path, task.exception_class_path) for task in failed] == []
    assert index_tasks.exclude(status="SUCCESSFUL").count() == 0
