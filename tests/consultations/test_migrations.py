"""The booking app's old migrations on a database migrated part-way before they were squashed
(tests/old_migrations.py): the no-overlap constraint's migration on a database that already
holds overlapping bookings (possible before it) stops with the references to fix, not a bare
SQL error; the clinician migrations move every schedule and booking, and back."""

import datetime

import pytest
from django.db import connection

from consultations import booking
from consultations.models import ConsultationRequest, Mode, ScheduleRule
from tests.conftest import require_postgresql
from tests.consultations.conftest import booking_data
from tests.old_migrations import migrate_old

pytestmark = pytest.mark.django_db

BEFORE = ("consultations", "0003_consultation_note")
CONSTRAINT = ("consultations", "0004_no_overlapping_active_bookings")
# The authors' move to `people` needs the clinicians' migrations (blog 0013 checks for them):
# back before those, it goes back first, as it did when it named them as dependencies. The
# old models are read as of both (procedure pages then named the blog's authors).
BEFORE_AUTHORS_MOVE = ("blog", "0012_seo_fields")


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
    migrate_old(BEFORE_AUTHORS_MOVE, BEFORE)
    overlapping = first.starts_at + datetime.timedelta(minutes=first.duration_minutes // 2)
    ConsultationRequest.objects.filter(pk=second.pk).update(starts_at=overlapping)

    with pytest.raises(RuntimeError) as refused:
        migrate_old(CONSTRAINT)
    assert first.reference in str(refused.value)
    assert second.reference in str(refused.value)
    assert "Reschedule or cancel" in str(refused.value)

    # Once one of them is cancelled, the migration applies and guards again.
    ConsultationRequest.objects.filter(pk=second.pk).update(status="cancelled")
    migrate_old(CONSTRAINT)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_constraint WHERE conname = 'no_overlapping_active_bookings'"
        )
        assert cursor.fetchone() is not None


BEFORE_CLINICIANS = ("consultations", "0010_booking_language")
WITH_CLINICIANS = ("consultations", "0013_schedules_and_bookings_name_clinicians")


def test_the_clinician_migrations_move_every_schedule_and_booking_and_back(office):
    """Forward and back on PostgreSQL without losing a booking: everything goes to one
    clinician named after the first physician's profile; two bookings that overlap at two
    places cannot both be one person's, so the later one gets a second clinician."""
    require_postgresql("The clinician migrations (exclusion constraint, DDL in a transaction)")
    from consultations import availability

    slot = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk).values()))[0]
    booked = _book(office, slot, "00000000-0000-0000-0000-000000000003")
    rules_before = set(
        ScheduleRule.objects.values_list("mode", "office_id", "weekday", "start", "end")
    )

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = migrate_old(BEFORE_AUTHORS_MOVE, BEFORE_CLINICIANS)
    old = executor.loader.project_state([BEFORE_AUTHORS_MOVE, BEFORE_CLINICIANS]).apps
    Request = old.get_model("consultations", "ConsultationRequest")
    assert Request.objects.get(pk=booked.pk).resource_key == f"office-{office.pk}"
    # Before clinicians, a video booking at the same time as an office one was allowed.
    video = Request.objects.create(
        mode="video",
        resource_key="video",
        starts_at=booked.starts_at,
        duration_minutes=45,
        first_name="Vi",
        last_name="Deo",
        email="vi@example.com",
        phone="+13105550100",
        consent_at=booked.consent_at,
        status="new",
    )
    references = set(Request.objects.values_list("reference", flat=True))

    migrate_old(WITH_CLINICIANS)
    assert set(ConsultationRequest.objects.values_list("reference", flat=True)) == references
    moved = ConsultationRequest.objects.get(pk=booked.pk)
    assert moved.clinician.name == "Dr. Adrian Vale"
    assert moved.clinician.author.slug == "adrian-vale"
    assert moved.resource_key == f"clinician-{moved.clinician_id}"
    second = ConsultationRequest.objects.get(pk=video.pk)
    assert second.clinician_id != moved.clinician_id
    assert second.clinician.name == "Practice clinician (2)"
    assert set(ScheduleRule.objects.values_list("clinician_id", flat=True)) == {moved.clinician_id}
    rules_after = set(
        ScheduleRule.objects.values_list("mode", "office_id", "weekday", "start", "end")
    )
    assert rules_after == rules_before

    # And back: every booking keeps its place's calendar key again.
    ConsultationRequest.objects.filter(pk=video.pk).update(status="cancelled")
    executor = migrate_old(BEFORE_CLINICIANS)
    old = executor.loader.project_state([BEFORE_AUTHORS_MOVE, BEFORE_CLINICIANS]).apps
    Request = old.get_model("consultations", "ConsultationRequest")
    assert set(Request.objects.values_list("reference", flat=True)) == references
    assert Request.objects.get(pk=booked.pk).resource_key == f"office-{office.pk}"
