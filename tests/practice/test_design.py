"""The design issue's site-wide fixes: favicon, meta descriptions, no Gravatar avatars."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

pytestmark = pytest.mark.django_db


def _description(html):
    found = re.search(r'<meta name="description" content="([^"]+)">', html)
    return found.group(1) if found else None


def test_every_page_links_a_local_favicon_that_exists(client, seeded):
    html = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert icon and icon.group(1).startswith("/static/")
    assert finders.find("img/favicon.svg")


def test_favicon_ico_redirects_to_the_svg_instead_of_a_404(client, seeded):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


@pytest.mark.parametrize("path", ["/offices/", "/offices/beverly-hills/", "/book/", "/about/"])
def test_pages_without_a_search_description_still_describe_themselves(client, seeded, path):
    from wagtail.models import Page

    Page.objects.update(search_description="")
    description = _description(client.get(path).content.decode())
    assert description
    assert len(description) <= 160
    assert "<" not in description


def test_the_editors_search_description_wins(client, seeded):
    from offices.models import OfficeIndexPage

    index = OfficeIndexPage.objects.get(locale__language_code="en")
    index.search_description = "Two offices, one team."
    index.save_revision().publish()
    assert _description(client.get("/offices/").content.decode()) == "Two offices, one team."


def test_office_page_description_falls_back_to_its_address(client, seeded):
    from offices.models import OfficePage

    office = OfficePage.objects.live().first()
    OfficePage.objects.filter(pk=office.pk).update(search_description="", intro="")
    description = _description(client.get(office.url).content.decode())
    assert office.address_line_1 in description


def test_staff_avatars_never_call_gravatar(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    user = get_user_model()(username="desk", email="desk@example.com")
    url = avatar_url(user)
    assert "gravatar" not in url
    assert url.startswith("/static/")


def test_admin_pages_show_no_third_party_avatar(admin_client_logged_in):
    html = admin_client_logged_in.get("/admin/").content.decode()
    assert "gravatar.com" not in html


def test_style_guide_is_for_staff_only(client, seeded):
    response = client.get("/admin/style-guide/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_style_guide_shows_the_design_system_and_is_in_the_admin_menu(admin_client_logged_in):
    html = admin_client_logged_in.get("/admin/style-guide/").content.decode()
    for part in ("Colour", "Type scale", "Spacing", "Buttons", "Chips", "Cards", "Notices"):
        assert part in html
    assert 'name="robots" content="noindex"' in html
    assert "/admin/style-guide/" in admin_client_logged_in.get("/admin/").content.decode()
