"""The migration linking booking procedures to pages keeps every booking's procedures."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from consultations.models import ConsultationRequest
from tests.conftest import require_postgresql

pytestmark = pytest.mark.django_db

BEFORE = ("consultations", "0007_source_page")
AFTER = ("consultations", "0008_procedure_page_link")


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
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    OldRequest = old.get_model("consultations", "ConsultationRequest")
    assert {
        r.pk: sorted(r.procedures.values_list("name", flat=True)) for r in OldRequest.objects.all()
    } == booked

    executor = MigrationExecutor(connection)
    executor.migrate([AFTER])
    executor.loader.build_graph()
    # The models as of AFTER: later migrations (the booking's language) are not applied here.
    AfterRequest = executor.loader.project_state([AFTER]).apps.get_model(
        "consultations", "ConsultationRequest"
    )
    after = {
        request.pk: sorted(request.procedures.values_list("name", flat=True))
        for request in AfterRequest.objects.prefetch_related("procedures")
    }
    assert after == booked
