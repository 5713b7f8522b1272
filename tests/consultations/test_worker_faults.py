"""The task worker through real faults, as production runs it (`manage.py run_worker` in a
process of its own, mail over SMTP to a local sink): killed with SIGKILL in the middle of a
send, and started while PostgreSQL refuses connections. Each test stops its processes
within seconds, on loopback only."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connections

from consultations.models import REMINDER_KINDS, Notification
from practice.settings.base import BASE_DIR
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data
from tests.faults import FaultyProxy, SmtpSink

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A killed worker's lease runs out after this long (production: a minute or more).
LEASE_SECONDS = 2


class Worker:
    def __init__(self, env, log_path):
        self.log_path = log_path
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--interval=0.2",
                "--abandoned-every=0.5",
                "--max-backoff=1",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log_path.open("ab"),
            stderr=subprocess.STDOUT,
        )

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition, worker, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.process.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting; worker log:\n{worker.log()[-3000:]}")


def worker_env(sink, port=None):
    database = connections["default"].settings_dict
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": "postgres://{}@127.0.0.1:{}/{}".format(
            database["USER"], port or database["PORT"] or 5432, database["NAME"]
        ),
        "REDIS_URL": "",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_SEND_LEASE_SECONDS": str(LEASE_SECONDS),
    }


@pytest.fixture
def sink():
    server = SmtpSink()
    yield server
    server.close()


@pytest.fixture
def emails(settings, client, office, open_slot):
    """A booking made on the production task backend: its two emails wait in the outbox."""
    require_postgresql("The worker fault tests (a worker process on the test database)")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    assert client.post("/book/details/", booking_data(office, open_slot)).status_code == 302
    rows = Notification.objects.exclude(kind__in=REMINDER_KINDS)
    assert rows.count() == 2
    return rows


def all_sent(rows):
    return lambda: rows.filter(state=Notification.State.SENT).count() == rows.count()


def test_an_email_whose_worker_is_killed_mid_send_goes_out_once_from_the_next(
    emails, sink, tmp_path
):
    sink.stall_next = True  # holds the first message's final "." unanswered
    first = Worker(worker_env(sink), tmp_path / "worker.log")
    try:
        wait_for(sink.stalled.is_set, first)
        first.kill()
    finally:
        first.stop()
    stranded = emails.get(message_id=sink.stalled_ids[0])
    assert stranded.state == Notification.State.PENDING and stranded.claimed_until
    assert sink.message_ids() == []  # the mail server dropped the unfinished message

    second = Worker(worker_env(sink), tmp_path / "worker.log")
    try:
        wait_for(all_sent(emails), second)
    finally:
        second.stop()
    stored = sorted(emails.values_list("message_id", flat=True))
    assert sorted(sink.message_ids()) == stored  # each email once, under its stored id
    assert stranded.message_id in stored


def test_a_send_accepted_but_never_recorded_repeats_once_with_the_same_message_id(
    emails, sink, tmp_path
):
    sink.stall_quit_next = True  # accepts the first message, then never answers QUIT
    first = Worker(worker_env(sink), tmp_path / "worker.log")
    try:
        wait_for(sink.stalled.is_set, first)
        first.kill()
    finally:
        first.stop()
    assert len(sink.message_ids()) == 1

    second = Worker(worker_env(sink), tmp_path / "worker.log")
    try:
        wait_for(all_sent(emails), second)
    finally:
        second.stop()
    received = sink.message_ids()
    # The documented guarantee: at most one repeat, recognisable by its Message-ID, so a
    # de-duplicating mail server keeps one copy of each email.
    assert len(received) == emails.count() + 1
    assert sorted(set(received)) == sorted(emails.values_list("message_id", flat=True))


def test_the_worker_waits_out_a_refused_database_then_sends(emails, sink, tmp_path):
    proxy = FaultyProxy(int(connections["default"].settings_dict["PORT"] or 5432))
    proxy.refuse()
    worker = Worker(worker_env(sink, port=proxy.port), tmp_path / "worker.log")
    try:
        wait_for(lambda: worker.log().count("database unavailable") >= 2, worker)
        assert worker.process.poll() is None  # still running after refused attempts
        proxy.forward()
        wait_for(all_sent(emails), worker)
        assert worker.process.poll() is None
    finally:
        worker.stop()
        proxy.close()
    assert sorted(sink.message_ids()) == sorted(emails.values_list("message_id", flat=True))
