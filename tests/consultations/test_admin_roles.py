"""Who reaches which screen: the front desk, content editors and superusers, and the
roles setup_roles creates."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from blog.models import BlogPage
from consultations import staff
from consultations.models import ConsultationNote, Procedure, Status
from practice.roles import CONTENT_EDITORS, FRONT_DESK
from tests.consultations.admin_screens import INDEX, SETTINGS, log_entries

pytestmark = pytest.mark.django_db


# --- Roles ----------------------------------------------------------------------------------


def test_content_editors_cannot_reach_any_consultation_data(editor, booked):
    refused = [
        INDEX,
        f"{INDEX}inspect/{booked.pk}/",
        f"{INDEX}edit/{booked.pk}/",
        f"{INDEX}history/{booked.pk}/",
        f"{INDEX}?export=xlsx",
        f"{INDEX}reschedule/{booked.pk}/",
        "/admin/schedulerule/",
        "/admin/availability_preview/",
    ]
    for url in refused:
        response = editor.get(url)
        assert response.status_code in (302, 403), url
        assert booked.email not in response.content.decode()
    refused_post = editor.post(f"{INDEX}status/{booked.pk}/", {"status": "cancelled"})
    assert refused_post.status_code in (302, 403)
    booked.refresh_from_db()
    assert booked.status == Status.NEW
    dashboard = editor.get("/admin/").content.decode()
    assert "consultation_requests" not in dashboard
    assert "data-front-desk-panel" not in dashboard
    assert editor.get("/admin/pages/").status_code == 200
    assert editor.get("/admin/images/").status_code == 200


def test_front_desk_cannot_edit_pages(front_desk, home):
    assert front_desk.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)
    assert front_desk.get("/admin/images/").status_code in (302, 403)
    html = front_desk.get("/admin/").content.decode()
    assert "data-front-desk-panel" in html
    assert "/admin/consultation_requests/" in html


def test_superusers_see_everything(admin_client_logged_in, booked):
    for url in (
        INDEX,
        f"{INDEX}inspect/{booked.pk}/",
        "/admin/schedulerule/",
        "/admin/availability_preview/",
        "/admin/pages/",
    ):
        assert admin_client_logged_in.get(url).status_code == 200, url


# --- Roles: what each menu offers and each URL refuses -----------------------------------------

CONTENT_AREAS = [
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/people/author/",
    "/admin/snippets/blog/blogcategory/",
]
FRONT_DESK_AREAS = [
    INDEX,
    "/admin/schedulerule/",
    "/admin/scheduleexception/",
    "/admin/procedure/",
    "/admin/availability_preview/",
    SETTINGS,
]


def _menu_urls(client):
    """Every link in the admin's sidebar menu (Wagtail renders it as JSON for its script)."""
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    return set(re.findall(r'"url": "([^"]+)"', props.group(1)))


def _refused(client, url):
    """Refused outright, or sent (maybe through a redirect) to the dashboard with a message."""
    response = client.get(url, follow=True)
    if response.status_code == 403:
        return True
    return bool(response.redirect_chain) and response.request["PATH_INFO"] == "/admin/"


def test_content_editors_are_refused_schedules_procedures_settings_notes_and_exports(
    editor, booked
):
    procedure = booked.procedures.get()
    for url in [
        "/admin/scheduleexception/",
        "/admin/scheduleexception/new/",
        "/admin/procedure/",
        f"/admin/procedure/edit/{procedure.pk}/",
        f"/admin/procedure/delete/{procedure.pk}/",
        SETTINGS,
        f"{SETTINGS}1/",
        f"{INDEX}?export=csv",
        f"{INDEX}?export=xlsx",
        f"{INDEX}?export=csv&status=new",
    ]:
        assert _refused(editor, url), url
    assert editor.post(f"{INDEX}note/{booked.pk}/", {"text": "Sneaky"}).status_code in (302, 403)
    assert editor.post(f"/admin/procedure/delete/{procedure.pk}/").status_code in (302, 403)
    assert not ConsultationNote.objects.exists()
    assert Procedure.objects.filter(pk=procedure.pk).exists()
    assert not log_entries(booked, staff.EXPORTED).exists()
    assert not set(FRONT_DESK_AREAS) & _menu_urls(editor)
    # The site history report does not list the requests' audit entries either.
    staff.record_view(booked, None)
    assert booked.reference not in editor.get("/admin/reports/site-history/").content.decode()


def test_front_desk_menu_offers_no_pages_images_documents_or_blog_snippets(front_desk):
    menu = _menu_urls(front_desk)
    assert set(FRONT_DESK_AREAS) <= menu
    assert not set(CONTENT_AREAS) & menu
    assert not any(url.startswith("/admin/snippets/") for url in menu)


def test_front_desk_is_refused_blog_snippets_documents_images_and_page_editing(front_desk, home):
    article = BlogPage.objects.live().first()
    for url in [
        *CONTENT_AREAS,
        "/admin/snippets/",
        "/admin/snippets/people/author/add/",
        "/admin/documents/multiple/add/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{home.pk}/add_subpage/",
    ]:
        assert _refused(front_desk, url), url
    response = front_desk.post(f"/admin/pages/{article.pk}/edit/", {"title": "Hijacked"})
    assert response.status_code in (302, 403)
    assert BlogPage.objects.get(pk=article.pk).title != "Hijacked"


def test_superusers_menu_and_urls_cover_both_roles(admin_client_logged_in, booked):
    assert set(FRONT_DESK_AREAS + CONTENT_AREAS) <= _menu_urls(admin_client_logged_in)
    for url in [
        *FRONT_DESK_AREAS,
        *CONTENT_AREAS,
        f"{SETTINGS}1/",
        f"{INDEX}edit/{booked.pk}/",
        f"{INDEX}history/{booked.pk}/",
    ]:
        response = admin_client_logged_in.get(url, follow=True)
        assert response.status_code == 200, url
    response = admin_client_logged_in.get(INDEX, {"export": "csv"})
    assert booked.reference in b"".join(response.streaming_content).decode()


# --- Roles come from setup_roles, which is safe on every deploy ---------------------------------


def _role_state():
    return {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            group.page_permissions.count(),
            group.collection_permissions.count(),
        )
        for group in Group.objects.filter(name__in=[FRONT_DESK, CONTENT_EDITORS])
    }


def test_setup_roles_creates_the_groups_on_an_empty_site_and_is_idempotent(seeded):
    Group.objects.filter(name__in=[FRONT_DESK, CONTENT_EDITORS]).delete()
    call_command("setup_roles", stdout=StringIO())
    first = _role_state()
    assert set(first) == {FRONT_DESK, CONTENT_EDITORS}
    assert "change_consultationrequest" in first[FRONT_DESK][0]
    assert first[CONTENT_EDITORS][1] > 0 and first[CONTENT_EDITORS][2] > 0
    call_command("setup_roles", stdout=StringIO())
    assert _role_state() == first
    assert Group.objects.filter(name__in=[FRONT_DESK, CONTENT_EDITORS]).count() == 2


def test_setup_roles_keeps_what_an_administrator_added_unless_reset(roles):
    front_desk = Group.objects.get(name=FRONT_DESK)
    extra = Permission.objects.get(codename="view_author")
    front_desk.permissions.add(extra)
    call_command("setup_roles", stdout=StringIO())
    assert front_desk.permissions.filter(pk=extra.pk).exists()
    call_command("setup_roles", "--reset", stdout=StringIO())
    assert not front_desk.permissions.filter(pk=extra.pk).exists()
    assert front_desk.permissions.filter(codename="change_consultationrequest").exists()


def test_release_step_sets_up_roles_after_migrating():
    release = next(
        line
        for line in (Path(__file__).parents[2] / "Procfile").read_text().splitlines()
        if line.startswith("release:")
    )
    assert "manage.py setup_roles" in release
    assert release.index("manage.py migrate") < release.index("manage.py setup_roles")
