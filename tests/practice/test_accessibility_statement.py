"""The accessibility statement: the W3C model statement's parts in both languages, linked
from every page's footer, and its barrier-report form, whose reports reach the front desk's
queue in the admin (and nowhere else: not the logs, not other staff)."""

import logging
import re

import pytest
from django.contrib.auth.models import Group

from practice.models import AccessibilityStatementPage, BarrierReport
from practice.roles import CONTENT_EDITORS, FRONT_DESK, ensure_roles

pytestmark = pytest.mark.django_db

REPORT = {
    "description": "The date picker on step 2 cannot be reached with the Tab key.",
    "page_address": "/book/times/",
    "name": "Sam Rivera",
    "email": "sam@example.com",
    "phone": "",
    "website": "",
}


@pytest.fixture
def staff(django_user_model):
    ensure_roles()

    def make(group_name):
        user = django_user_model.objects.create_user(
            username=group_name.lower().replace(" ", "-"), password="x" * 20
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        (
            "/accessibility/",
            [
                "WCAG 2.2 level AA",
                "How we test it",
                "axe-core",
                "Lighthouse",
                "keyboard",
                "screen reader",
                "Known limitations",
                "Report a barrier",
                "(310) 555-0100",
                "hello@example.com",
                "we reply within 2 business days",
                "last reviewed on December 1, 2026",
            ],
        ),
        (
            "/es/accesibilidad/",
            [
                "WCAG 2.2, nivel AA",
                "Cómo lo probamos",
                "axe-core",
                "Lighthouse",
                "teclado",
                "lector de pantalla",
                "Limitaciones conocidas",
                "Informar de una barrera",
                "(310) 555-0100",
                "hello@example.com",
                "respondemos en un plazo de 2 días hábiles",
                "revisada por última vez el 1 de diciembre de 2026",
            ],
        ),
    ],
)
def test_the_statement_has_the_model_statements_parts(client, seeded, path, parts):
    response = client.get(path)
    assert response.status_code == 200
    text = text_of(response)
    missing = [part for part in parts if part not in text]
    assert not missing, missing
    html = response.content.decode()
    assert '<form class="barrier-form" method="post"' in html
    assert 'name="description"' in html and 'name="csrfmiddlewaretoken"' in html


@pytest.mark.parametrize(
    ("path", "statement"),
    [
        ("/", "/accessibility/"),
        ("/blog/", "/accessibility/"),
        ("/book/", "/accessibility/"),
        ("/procedures/results/", "/accessibility/"),
        ("/no-such-page/", "/accessibility/"),
        ("/es/", "/es/accesibilidad/"),
        ("/es/procedimientos/", "/es/accesibilidad/"),
    ],
)
def test_every_page_links_the_statement_in_its_language_from_the_footer(
    client, seeded, path, statement
):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'href="{statement}"' in footer


def test_a_report_reaches_the_front_desk_queue_and_the_visitor_is_thanked(client, seeded):
    response = client.post("/accessibility/", REPORT)
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/?sent=1#report"
    report = BarrierReport.objects.get()
    assert report.description == REPORT["description"]
    assert report.email == "sam@example.com"
    assert report.status == BarrierReport.Status.NEW
    assert report.language == "en"
    thanks = text_of(client.get(response["Location"]))
    assert "Thank you: your report reached our front desk" in thanks


def test_a_spanish_report_is_marked_spanish(client, seeded):
    response = client.post("/es/accesibilidad/", REPORT)
    assert response.status_code == 302
    assert BarrierReport.objects.get().language == "es"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"description": ""}, "Please tell us what happened, so we can fix it."),
        ({"description": "bad"}, "Please describe the problem in a few words more."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"description": "x" * 2001}, "at most 2000 characters"),
        ({"website": "http://spam.example"}, "Please leave this field empty."),
    ],
)
def test_bad_input_is_a_400_with_an_error_summary_and_nothing_saved(
    client, seeded, changes, message
):
    response = client.post("/accessibility/", {**REPORT, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert message in html
    assert not BarrierReport.objects.exists()


def test_a_flood_of_reports_from_one_address_is_refused(client, seeded):
    for _ in range(5):
        assert client.post("/accessibility/", REPORT).status_code == 302
    response = client.post("/accessibility/", REPORT)
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    assert BarrierReport.objects.count() == 5


def test_the_report_is_never_logged(client, seeded, caplog):
    with caplog.at_level(logging.DEBUG):
        client.post("/accessibility/", REPORT)
        client.post("/accessibility/", {**REPORT, "email": "bad"})
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert "date picker" not in logged
    assert "sam@example.com" not in logged


def test_the_page_with_its_form_is_never_kept_in_a_shared_cache(client, seeded):
    response = client.get("/accessibility/")
    assert "private" in response["Cache-Control"]


def test_the_front_desk_reads_and_answers_reports_in_the_admin(client, seeded, staff):
    client.post("/accessibility/", REPORT)
    report = BarrierReport.objects.get()
    client.force_login(staff(FRONT_DESK))
    listing = client.get("/admin/accessibility_reports/")
    assert listing.status_code == 200
    assert "The date picker on step 2" in listing.content.decode()
    detail = client.get(f"/admin/accessibility_reports/inspect/{report.pk}/")
    assert "sam@example.com" in detail.content.decode()
    response = client.post(
        f"/admin/accessibility_reports/edit/{report.pk}/",
        {"status": "answered", "staff_note": "Called back; fix planned."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "answered"


def test_content_editors_do_not_see_reports(client, seeded, staff):
    client.post("/accessibility/", REPORT)
    client.force_login(staff(CONTENT_EDITORS))
    response = client.get("/admin/accessibility_reports/")
    assert response.status_code in (302, 403)
    assert "date picker" not in response.content.decode()


def test_one_statement_per_home_page(seeded):
    assert AccessibilityStatementPage.can_create_at(seeded) is False
