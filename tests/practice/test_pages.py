from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from practice.models import ContentPage, HomePage, PracticeSettings

pytestmark = pytest.mark.django_db


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
    assert 'href="/book/"' in html
    # Privacy policy is not marked "show in menus", so it is only in the footer.
    nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
    assert "/privacy-policy/" not in nav


def test_footer_shows_practice_contact_details(client, seeded):
    settings = PracticeSettings.for_site(Site.objects.get(is_default_site=True))
    html = client.get("/about/").content.decode()
    assert settings.main_phone.as_e164 in html
    assert settings.email in html


def test_seed_demo_is_idempotent(seeded):
    counts = (Page.objects.count(), Site.objects.count(), PracticeSettings.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Page.objects.count(), Site.objects.count(), PracticeSettings.objects.count()) == counts


def test_unknown_url_gets_styled_404(client, seeded):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"find that page" in response.content
    assert b"site.css" in response.content


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
