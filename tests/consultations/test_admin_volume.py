"""The front desk's screens at volume: the request list, its search by a whole phone number or
email address and a week's export cost the same number of queries for N and 2N requests, and
those searches can use an index. (Timings are `make bench`'s, never asserted here.)"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models.functions import Lower
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import availability
from consultations.models import ConsultationRequest, Mode, Procedure
from practice.roles import FRONT_DESK, ensure_roles
from tests.conftest import require_postgresql
from tests.consultations.conftest import demo_clinician

pytestmark = pytest.mark.django_db

INDEX = "/admin/consultation_requests/"
PHONE = "+13105550199"
EMAIL = "Wanted.Patient@Example.com"


@pytest.fixture
def front_desk(client, seeded, django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("desk", "desk@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=FRONT_DESK))
    client.force_login(user)
    return client


@pytest.fixture
def week():
    """Monday and Sunday of a week two weeks ahead, in the practice's time zone."""
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=14 - today.weekday())
    return monday, monday + datetime.timedelta(days=6)


@pytest.fixture
def add_requests(office, week):
    """Bulk-add `count` requests in that week (each with two procedures), one of them the
    caller the desk searches for."""
    zone = availability.practice_zone()
    procedures = list(Procedure.objects.order_by("pk")[:2])
    made = 0

    who = demo_clinician()

    def add(count):
        nonlocal made
        rows = []
        for _ in range(count):
            day = week[0] + datetime.timedelta(days=made % 7)
            minutes = 8 * 60 + (made // 7) * 5  # distinct slots: never the same start twice
            start = availability.local_to_utc(
                day, datetime.time(minutes // 60 % 24, minutes % 60), zone
            )
            rows.append(
                ConsultationRequest(
                    mode=Mode.IN_PERSON,
                    office=office,
                    clinician=who,
                    resource_key=f"volume-{made}",
                    starts_at=start,
                    first_name="Volume",
                    last_name=f"Patient {made}",
                    email=f"patient{made}@example.com",
                    phone=f"+1310555{made:04d}",
                    consent_at=timezone.now(),
                )
            )
            made += 1
        created = ConsultationRequest.objects.bulk_create(rows)
        links = ConsultationRequest.procedures.through
        links.objects.bulk_create(
            links(consultationrequest_id=r.pk, procedure_id=p.pk)
            for r in created
            for p in procedures
        )
        if not ConsultationRequest.objects.filter(phone=PHONE).exists():
            wanted = created[0]
            wanted.phone, wanted.email = PHONE, EMAIL
            wanted.save(update_fields=["phone", "email"])

    return add


def count_queries(client, url, params):
    client.get(url, params)  # warm per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return response, len(queries)


def week_export(week):
    return {
        "export": "csv",
        "starts_at_from": week[0].isoformat(),
        "starts_at_to": week[1].isoformat(),
    }


# Queries per screen, as measured: session, user and permissions, the filters' choices, the
# count and page of rows with their offices and procedures (the export: the rows, procedures
# and one insert for its audit entries, up to 500 rows per insert); the Spanish edition adds
# the admin's locale lookups (two).
@pytest.mark.parametrize(
    ("params", "budget"),
    [
        # 18: the clinician filter's choices are one query more than before clinicians.
        pytest.param({}, 18, id="list"),
        pytest.param({"q": "(310) 555-0199"}, 18, id="search-phone"),
        pytest.param({"q": EMAIL.lower()}, 18, id="search-email"),
        pytest.param({"q": "Patient 1"}, 18, id="search-name"),
        pytest.param("week-export", 9, id="week-export"),
    ],
)
def test_front_desk_screens_cost_the_same_queries_for_twice_the_requests(
    front_desk, add_requests, week, params, budget
):
    params = week_export(week) if params == "week-export" else params
    add_requests(40)
    _, with_n = count_queries(front_desk, INDEX, params)
    add_requests(40)
    _, with_2n = count_queries(front_desk, INDEX, params)
    assert with_2n == with_n
    assert with_n <= budget


def test_a_whole_phone_number_or_email_finds_exactly_that_caller(front_desk, add_requests):
    add_requests(30)
    wanted = ConsultationRequest.objects.get(phone=PHONE)
    for query in ("(310) 555-0199", "310.555.0199", "wanted.patient@example.com", EMAIL):
        html = front_desk.get(INDEX, {"q": query}).content.decode()
        found = [r for r in ConsultationRequest.objects.all() if r.reference in html]
        assert found == [wanted], query


def test_the_week_export_holds_every_request_of_the_week(front_desk, add_requests, week):
    add_requests(60)
    response = front_desk.get(INDEX, week_export(week))
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 1 + 60  # the headings, then every request


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        pytest.param(
            lambda: ConsultationRequest.objects.filter(phone=PHONE),
            "consultation_phone",
            id="phone",
        ),
        pytest.param(
            lambda: ConsultationRequest.objects.alias(email_lower=Lower("email")).filter(
                email_lower=EMAIL.lower()
            ),
            "consultation_email_lower",
            id="email",
        ),
    ],
)
def test_whole_phone_and_email_searches_can_use_an_index(add_requests, queryset, index):
    require_postgresql("EXPLAIN of the search")
    add_requests(50)
    with connection.cursor() as cursor:
        # A table this small is cheaper to scan; forbid that to see whether an index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset().explain()
    assert index in plan
