"""The no-overlap constraint's migration on a database that already holds overlapping
bookings (possible before it): it stops with the references to fix, not a bare SQL error."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from consultations import booking
from consultations.models import ConsultationRequest, Mode
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data

pytestmark = pytest.mark.django_db

BEFORE = ("consultations", "0003_consultation_note")
CONSTRAINT = ("consultations", "0004_no_overlapping_active_bookings")


def _book(office, slot, token):
    data = booking_data(office, slot)
    details = {k: data[k] for k in ("first_name", "last_name", "email", "phone")}
    return booking.book(
        mode=Mode.IN_PERSON,
        office=office,
        starts_at=slot.starts_at,
        procedures=[],
        details=details,
        submission_token=token,
    )


def test_the_constraint_migration_names_the_bookings_that_already_overlap(office):
    require_postgresql("The exclusion constraint")
    from consultations import availability

    slots = [s for day in availability.open_slots(Mode.IN_PERSON, office.pk).values() for s in day]
    first = _book(office, slots[0], "00000000-0000-0000-0000-000000000001")
    second = _book(office, slots[1], "00000000-0000-0000-0000-000000000002")

    # Back to before the constraint, where an overlap could be stored. (The test's own
    # transaction holds deferred foreign-key checks, which ALTER TABLE refuses to run past.)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    overlapping = first.starts_at + datetime.timedelta(minutes=first.duration_minutes // 2)
    ConsultationRequest.objects.filter(pk=second.pk).update(starts_at=overlapping)

    executor = MigrationExecutor(connection)
    with pytest.raises(RuntimeError) as refused:
        executor.migrate([CONSTRAINT])
    assert first.reference in str(refused.value)
    assert second.reference in str(refused.value)
    assert "Reschedule or cancel" in str(refused.value)

    # Once one of them is cancelled, the migration applies and guards again.
    ConsultationRequest.objects.filter(pk=second.pk).update(status="cancelled")
    executor = MigrationExecutor(connection)
    executor.migrate([CONSTRAINT])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_constraint WHERE conname = 'no_overlapping_active_bookings'"
        )
        assert cursor.fetchone() is not None
