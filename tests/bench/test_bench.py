"""The benchmark's own rules (its speed is measured by `make bench`, never here)."""

import importlib.util
import json
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command

from bench.management.commands import bench_bookings
from practice.settings.base import BASE_DIR


def _bench_script():
    spec = importlib.util.spec_from_file_location("bench", BASE_DIR / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_concurrent_bench_clients_never_share_an_identity(seeded, monkeypatch):
    seen = []
    lock = threading.Lock()

    def fake_book_one(base, office_id, clinician_id, procedure_id, slot, index):
        time.sleep(0.01)  # keep several clients in flight at once
        with lock:
            seen.append(index)
        return 302

    monkeypatch.setattr(bench_bookings, "book_one", fake_book_one)
    out = StringIO()
    call_command(
        "bench_bookings",
        "--base",
        "http://unused",
        "--duration",
        "0.3",
        "--clients",
        "8",
        stdout=out,
    )
    assert len(seen) > 8
    assert len(set(seen)) == len(seen), "two attempts shared an email and client address"
    assert json.loads(out.getvalue())["bookings"] == len(seen)


def _report(**changes):
    report = {
        "bookings": {
            "bookings": 10,
            "errors": 0,
            "error_codes": {},
            "rows_in_database": 10,
            "rows_match_responses": True,
        },
        "targets": [{"target": "home", "mode": "cached", "non_2xx": 0}],
        "admin": {"requests list": {"status": 200}, "volume": {"bookings": 10}},
        "elapsed_s": 420.0,
        "budget_s": 600,
    }
    for key, value in changes.items():
        if isinstance(value, dict):
            report[key] = {**report[key], **value}
        else:
            report[key] = value
    return report


def test_a_clean_bench_run_passes():
    assert _bench_script().failures(_report()) == []


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"bookings": {"errors": 2, "error_codes": {"409": 2}}}, "booking(s) failed"),
        ({"bookings": {"rows_in_database": 9, "rows_match_responses": False}}, "9 rows"),
        (
            {"targets": [{"target": "home", "mode": "rendered", "non_2xx": 3}]},
            "home (rendered): 3 non-2xx",
        ),
        (
            {"admin": {"requests list": {"status": 500}, "volume": {"bookings": 1}}},
            "admin requests list: status 500",
        ),
    ],
)
def test_a_bench_run_fails_on_errors_lost_rows_or_non_2xx(changes, reason):
    found = _bench_script().failures(_report(**changes))
    assert len(found) == 1 and reason in found[0], found


def test_a_run_slower_than_its_budget_reports_it_and_passes(capsys):
    # A busy 2-core machine makes a run slow; only errors and lost rows fail it.
    bench = _bench_script()
    report = {**_report(elapsed_s=900.0), "data": {}, "targets": []}
    report["admin"] = {}
    report["bookings"] = {**report["bookings"], "seconds": 1, "bookings_per_second": 10}
    assert bench.failures(report) == []
    bench.print_table(report)
    assert "SLOWER THAN ITS BUDGET" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_probe_reports_cpu_per_render_and_the_admin_probe_every_screen(seeded):
    out = StringIO()
    call_command("bench_probe", "/", "--renders", "2", stdout=out)
    home = json.loads(out.getvalue())["/"]
    assert home["status"] == 200 and home["cpu_ms_rendered"] > 0
    out = StringIO()
    call_command("bench_admin", "--rounds", "1", stdout=out)
    screens = json.loads(out.getvalue())
    volume = screens.pop("volume")
    assert volume["articles"] > 0
    assert len(screens) == 6
    assert all(row["status"] == 200 and row["queries"] > 0 for row in screens.values()), screens
