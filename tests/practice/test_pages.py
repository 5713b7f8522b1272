import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import path
from wagtail.models import Site

from core.site_settings import PracticeSettings
from practice.models import ContentPage, HomePage
from practice.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def _broken_view(request):
    raise RuntimeError("a bug in a view")


# The site's routes plus one view that fails, for the 500 page test (pytest.mark.urls).
urlpatterns = [path("broken/", _broken_view), *site_urlpatterns]


SEEDED_PATHS = ["/", "/about/", "/privacy-policy/", "/blog/", "/offices/", "/book/"]


@pytest.mark.parametrize("path", SEEDED_PATHS)
def test_seeded_pages_render(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


def test_home_page_is_site_root_with_hero(client, seeded):
    assert Site.objects.get(is_default_site=True).root_page.specific == seeded
    response = client.get("/")
    assert seeded.hero_heading.encode() in response.content
    assert b'href="#main"' in response.content  # skip link
    assert b'<main id="main"' in response.content


def test_header_links_menu_pages_and_booking(client, seeded):
    html = client.get("/").content.decode()
    assert 'aria-label="Main"' in html
    assert 'href="/about/"' in html
    assert f'href="/book/?source={seeded.pk}"' in html  # Book names the page it is on
    # Privacy policy is not marked "show in menus", so it is only in the footer.
    nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
    assert "/privacy-policy/" not in nav


def test_footer_shows_practice_contact_details(client, seeded):
    settings = PracticeSettings.for_site(Site.objects.get(is_default_site=True))
    html = client.get("/about/").content.decode()
    assert settings.main_phone.as_e164 in html
    assert settings.email in html


def _row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_seed_demo_is_idempotent(seeded):
    before = _row_counts()
    # Two offices, each in English and Spanish.
    assert before["wagtailcore.Page"] > 1 and before["offices.OfficePage"] == 4
    call_command("seed_demo", stdout=StringIO())
    after = _row_counts()
    assert {label: n for label, n in after.items() if before[label] != n} == {}


def test_unknown_url_gets_styled_404(client, seeded):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"find that page" in response.content
    assert b"site.css" in response.content


@pytest.mark.urls(__name__)
def test_a_failing_view_gets_the_styled_500_page(seeded, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"site.css" in response.content
    assert b"a bug in a view" not in response.content  # no traceback for visitors


def test_admin_login_page_renders(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b"password" in response.content.lower()


def test_django_admin_is_not_exposed(client, db):
    assert client.get("/django-admin/").status_code == 404


def test_home_page_is_a_singleton_under_root(seeded):
    assert not HomePage.can_create_at(seeded)
    assert ContentPage.can_create_at(seeded)
    assert HomePage.max_count == 1


# ensure_admin: the account a newcomer logs in with


def _ensure_admin():
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_ensure_admin_generates_a_password_and_prints_it_only_once(db, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("PORT", "8123")
    first = _ensure_admin()
    password = re.search(r"password '([^']+)'", first).group(1)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert "http://127.0.0.1:8123/admin/" in first
    second = _ensure_admin()
    assert password not in second
    assert "http://127.0.0.1:8123/admin/" in second
    admin.refresh_from_db()
    assert admin.check_password(password)  # a rerun keeps the password it printed
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_ensure_admin_uses_admin_password_without_echoing_it(db, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "correct-horse-battery")
    monkeypatch.delenv("PORT", raising=False)
    output = _ensure_admin()
    assert "correct-horse-battery" not in output
    assert "http://127.0.0.1:8000/admin/" in output
    users = get_user_model().objects.filter(username__in=["admin", "frontdesk", "editor"])
    assert len(users) == 3
    assert all(user.check_password("correct-horse-battery") for user in users)
    monkeypatch.setenv("ADMIN_PASSWORD", "a-new-password-now")
    _ensure_admin()
    assert get_user_model().objects.get(username="admin").check_password("a-new-password-now")
