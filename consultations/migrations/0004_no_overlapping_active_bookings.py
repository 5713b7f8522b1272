"""On PostgreSQL, forbid overlapping active bookings of one office or the video calendar.

`one_active_booking_per_slot` only refuses a second booking at the same start. An extra
session laid across a weekly one, or a changed slot length, puts different starts on
overlapping times; this exclusion constraint refuses those too, also under concurrency.
SQLite (local development) has no exclusion constraints and keeps the unique one only, so
the constraint is added by SQL here rather than declared on the model.
"""

from django.db import migrations

# timestamptz + interval is only STABLE in PostgreSQL (a day or month interval depends on the
# session time zone); adding whole minutes does not, so this wrapper is honestly IMMUTABLE,
# which an index expression requires.
CREATE_SPAN = """
CREATE OR REPLACE FUNCTION consultations_booking_span(starts_at timestamptz, minutes integer)
RETURNS tstzrange LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT tstzrange(starts_at, starts_at + make_interval(mins => minutes), '[)') $$
"""
# The statuses are ACTIVE_STATUSES at the time of writing (a migration keeps its own copy).
ADD_CONSTRAINT = """
ALTER TABLE consultations_consultationrequest
ADD CONSTRAINT no_overlapping_active_bookings EXCLUDE USING gist (
    resource_key WITH =,
    consultations_booking_span(starts_at, duration_minutes) WITH &&
) WHERE (status IN ('new', 'confirmed') AND starts_at IS NOT NULL)
"""


# Active bookings that already overlap (possible before this constraint) would make ADD
# CONSTRAINT fail with a bare error; name them instead, so staff can move or cancel one.
FIND_OVERLAPS = """
SELECT a.reference, b.reference
FROM consultations_consultationrequest a
JOIN consultations_consultationrequest b
  ON a.resource_key = b.resource_key AND a.id < b.id
 AND consultations_booking_span(a.starts_at, a.duration_minutes)
     && consultations_booking_span(b.starts_at, b.duration_minutes)
WHERE a.status IN ('new', 'confirmed') AND b.status IN ('new', 'confirmed')
  AND a.starts_at IS NOT NULL AND b.starts_at IS NOT NULL
"""


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # btree_gist gives GiST an equality operator for resource_key (a trusted extension).
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(CREATE_SPAN)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FIND_OVERLAPS)
        overlaps = cursor.fetchall()
    if overlaps:
        pairs = ", ".join(f"{a} and {b}" for a, b in overlaps[:20])
        raise RuntimeError(
            f"{len(overlaps)} pair(s) of active bookings overlap ({pairs}). Reschedule or "
            "cancel one of each pair in the admin, then run migrate again."
        )
    schema_editor.execute(ADD_CONSTRAINT)


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE consultations_consultationrequest "
        "DROP CONSTRAINT IF EXISTS no_overlapping_active_bookings"
    )
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS consultations_booking_span(timestamptz, integer)"
    )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0003_consultation_note")]

    operations = [migrations.RunPython(add_constraint, remove_constraint, elidable=False)]
