"""The migration linking booking procedures to pages keeps every booking's procedures, on a
database migrated part-way before the booking app's migrations were squashed
(tests/old_migrations.py)."""

import pytest
from django.db import connection

from consultations.models import ConsultationRequest
from tests.conftest import require_postgresql
from tests.old_migrations import migrate_old

pytestmark = pytest.mark.django_db

BEFORE = ("consultations", "0007_source_page")
AFTER = ("consultations", "0008_procedure_page_link")
# The authors' move to `people` needs the clinicians' migrations (blog 0013 checks for them):
# back before those, it goes back first, as it did when it named them as dependencies.
BEFORE_AUTHORS_MOVE = ("blog", "0012_seo_fields")


def test_existing_bookings_keep_their_procedures_through_the_migration(seeded):
    # SQLite cannot alter these tables inside the test's transaction (foreign keys on).
    require_postgresql("Migrating the booking tables back and forth in a test")
    booked = {
        request.pk: sorted(request.procedures.values_list("name", flat=True))
        for request in ConsultationRequest.objects.prefetch_related("procedures")
    }
    assert any(booked.values())
    # The test's transaction holds deferred foreign-key checks, which ALTER TABLE refuses.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = migrate_old(BEFORE_AUTHORS_MOVE, BEFORE)
    old = executor.loader.project_state([BEFORE_AUTHORS_MOVE, BEFORE]).apps
    OldRequest = old.get_model("consultations", "ConsultationRequest")
    assert {
        r.pk: sorted(r.procedures.values_list("name", flat=True)) for r in OldRequest.objects.all()
    } == booked

    executor = migrate_old(AFTER)
    executor.loader.build_graph()
    # The models as of AFTER: later migrations (the booking's language) are not applied here.
    AfterRequest = executor.loader.project_state([BEFORE_AUTHORS_MOVE, AFTER]).apps.get_model(
        "consultations", "ConsultationRequest"
    )
    after = {
        request.pk: sorted(request.procedures.values_list("name", flat=True))
        for request in AfterRequest.objects.prefetch_related("procedures")
    }
    assert after == booked
