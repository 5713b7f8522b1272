"""Data retention: expired requests anonymised, counts kept, the task and its audit trail."""

import datetime
import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultations import staff
from consultations.models import ConsultationNote, ConsultationRequest, Mode, Procedure, Status
from consultations.retention import purge_expired, purge_expired_task
from tests.consultations.admin_screens import INDEX, log_entries
from tests.consultations.conftest import demo_clinician

pytestmark = pytest.mark.django_db


# --- Retention ------------------------------------------------------------------------------


def _old(office, months_ago, **fields):
    starts_at = timezone.now() - datetime.timedelta(days=31 * months_ago)
    request = ConsultationRequest.objects.create(
        mode=Mode.IN_PERSON,
        office=office,
        clinician=demo_clinician(),
        starts_at=starts_at,
        first_name="Old",
        last_name="Patient",
        email="old@example.com",
        phone="+13105550111",
        message="Private details",
        consent_at=starts_at,
        **fields,
    )
    request.procedures.set(Procedure.objects.all()[:2])
    ConsultationNote.objects.create(request=request, text="Internal")
    return request


def test_purge_anonymises_only_expired_requests_and_is_repeatable(office, caplog):
    expired = _old(office, 26)
    recent = _old(office, 3)
    callback = ConsultationRequest.objects.create(
        mode=Mode.VIDEO,
        first_name="Cal",
        last_name="Back",
        email="cal@example.com",
        phone="+13105550112",
        consent_at=timezone.now(),
    )
    ConsultationRequest.objects.filter(pk=callback.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31 * 25)
    )
    out = StringIO()
    call_command("purge_consultations", "--dry-run", stdout=out)
    assert "2 request(s)" in out.getvalue()
    assert ConsultationRequest.objects.filter(anonymised=True).count() == 0

    with caplog.at_level(logging.INFO):
        call_command("purge_consultations", stdout=StringIO())
    expired.refresh_from_db()
    assert expired.anonymised and expired.first_name == "" and expired.email == ""
    assert expired.message == "" and str(expired.phone) == ""
    assert expired.procedures.count() == 0 and not expired.notes.exists()
    # Counts for reporting survive: status, mode, office and date are kept.
    assert expired.status == Status.NEW and expired.office == office and expired.starts_at
    assert ConsultationRequest.objects.get(pk=callback.pk).anonymised
    recent.refresh_from_db()
    assert not recent.anonymised and recent.first_name == "Old"
    log_text = " ".join(r.getMessage() for r in caplog.records)
    assert "anonymised 2" in log_text
    assert "Old" not in log_text and "old@example.com" not in log_text

    assert purge_expired() == 0  # safe to repeat


def test_retention_period_is_configurable_and_runs_as_a_task(office, settings):
    _old(office, 7)
    settings.CONSULTATION_RETENTION_MONTHS = 6
    result = purge_expired_task.enqueue()  # the test settings run tasks at once
    assert result.return_value == 1
    assert ConsultationRequest.objects.filter(anonymised=True).count() == 1


# --- Retention: audit trail, task path, counts ---------------------------------------------------


def test_anonymising_writes_one_history_entry_per_request_without_personal_data(office):
    expired = [_old(office, 26), _old(office, 30)]
    recent = _old(office, 3)
    assert purge_expired() == 2
    entries = ModelLogEntry.objects.filter(action=staff.ANONYMISED)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(r.pk) for r in expired)
    for entry in entries:
        assert entry.user is None
        text = f"{entry.label} {entry.data}"
        assert "Old" not in text and "old@example.com" not in text and "555" not in text
    assert not log_entries(recent, staff.ANONYMISED).exists()
    purge_expired()  # a second run anonymises nothing and logs nothing more
    assert ModelLogEntry.objects.filter(action=staff.ANONYMISED).count() == 2


def test_anonymising_is_shown_in_the_requests_history(front_desk, office):
    expired = _old(office, 26)
    purge_expired()
    history = front_desk.get(f"{INDEX}history/{expired.pk}/").content.decode()
    assert "Personal data removed after the retention period" in history


def test_purge_keeps_the_counts_for_reporting(office):
    for months, status in ((26, Status.COMPLETED), (27, Status.NO_SHOW), (28, Status.COMPLETED)):
        _old(office, months, status=status)
    _old(office, 2, status=Status.CONFIRMED)

    def counts():
        return sorted(
            ConsultationRequest.objects.values_list("status", "mode", "office_id")
            .order_by()
            .annotate(n=Count("pk"))
        )

    before = counts()
    assert purge_expired() == 3
    assert counts() == before


def test_purge_command_enqueues_the_task_with_its_options(office):
    _old(office, 7)
    _old(office, 26)
    out = StringIO()
    call_command("purge_consultations", "--enqueue", "--dry-run", stdout=out)
    assert "Queued retention task" in out.getvalue()
    assert not ConsultationRequest.objects.filter(anonymised=True).exists()
    # The test settings run tasks at once; the period given reaches the task.
    call_command("purge_consultations", "--enqueue", "--months", "6", stdout=StringIO())
    assert ConsultationRequest.objects.filter(anonymised=True).count() == 2
