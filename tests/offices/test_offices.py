import datetime
import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from offices import hours
from offices.models import (
    HoursException,
    OfficeIndexPage,
    OfficePage,
    OpeningHours,
)

pytestmark = pytest.mark.django_db

T = datetime.time


def jsonld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def office_form_data(index, **overrides):
    data = {
        "title": "Pasadena Office",
        "slug": "pasadena",
        "intro": "",
        "address_line_1": "100 Colorado Blvd",
        "address_line_2": "",
        "city": "Pasadena",
        "region": "CA",
        "postal_code": "91105",
        "country": "US",
        "phone": "(626) 555-0111",
        "email": "pasadena@example.com",
        "latitude": "34.145000",
        "longitude": "-118.150000",
        "directions": rich_text(""),
        "gallery_images": inline_formset([]),
        "opening_hours": inline_formset(
            [
                {"weekday": "0", "opens": "09:00", "closes": "12:00"},
                {"weekday": "0", "opens": "13:00", "closes": "17:00"},
            ]
        ),
        "hours_exceptions": inline_formset(
            [{"date": "2026-12-25", "closed": "on", "opens": "", "closes": "", "note": "Xmas"}]
        ),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_office_url(index):
    return reverse("wagtailadmin_pages:add", args=("offices", "officepage", index.pk))


# Page-type rules


def test_offices_live_under_the_office_index_only(seeded):
    index = OfficeIndexPage.objects.get()
    assert OfficePage.can_create_at(index)
    assert not OfficePage.can_create_at(seeded)
    assert not OfficeIndexPage.can_create_at(seeded)  # singleton already exists
    assert OfficeIndexPage.parent_page_types == ["practice.HomePage"]


# Hours rules


def _office_with(rows=(), exceptions=()):
    office = OfficePage(
        title="x",
        opening_hours=[OpeningHours(weekday=d, opens=o, closes=c) for d, o, c in rows],
        hours_exceptions=[HoursException(**e) for e in exceptions],
    )
    return office


def test_split_hours_are_both_shown_in_order():
    office = _office_with([(0, T(13), T(17)), (0, T(9), T(12))])
    monday = datetime.date(2026, 11, 23)
    assert [i.label() for i in hours.hours_on(office, monday)] == [
        "9:00 am – 12:00 pm",
        "1:00 pm – 5:00 pm",
    ]


def test_day_without_rows_is_closed():
    office = _office_with([(0, T(9), T(17))])
    sunday = datetime.date(2026, 11, 29)
    assert hours.hours_on(office, sunday) == []


def test_closed_exception_overrides_regular_hours():
    thanksgiving = datetime.date(2026, 11, 26)  # a Thursday
    office = _office_with([(3, T(9), T(17))], [{"date": thanksgiving, "closed": True}])
    assert hours.hours_on(office, thanksgiving) == []
    assert hours.hours_on(office, thanksgiving + datetime.timedelta(days=7)) != []


def test_special_hours_exception_replaces_the_day():
    eve = datetime.date(2026, 12, 24)
    office = _office_with(
        [(3, T(9), T(17))], [{"date": eve, "closed": False, "opens": T(9), "closes": T(13)}]
    )
    assert [i.label() for i in hours.hours_on(office, eve)] == ["9:00 am – 1:00 pm"]


def test_overlapping_rows_are_detected_per_day():
    rows = [(0, T(9), T(12)), (0, T(11), T(15)), (1, T(9), T(12)), (1, T(12), T(15))]
    assert hours.overlapping_weekdays(rows) == [0]


# Editor validation through the real Wagtail admin


def test_admin_can_add_a_third_office_that_appears_everywhere(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get()
    client = admin_client_logged_in
    response = client.post(add_office_url(index), office_form_data(index))
    assert response.status_code == 302, response.content[:2000]
    office = OfficePage.objects.get(slug="pasadena")
    assert office.live
    assert office.phone.as_e164 == "+16265550111"

    client.logout()
    listing = client.get("/offices/").content.decode()
    assert "Pasadena Office" in listing
    footer = client.get("/about/").content.decode().split('id="footer-offices"')[1]
    assert "Pasadena Office" in footer and "tel:+16265550111" in footer
    data = jsonld_blocks(client.get("/offices/pasadena/").content.decode())[0]
    closures = [s for s in data["openingHoursSpecification"] if "validFrom" in s]
    assert closures == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-25",
            "validThrough": "2026-12-25",
            "opens": "00:00",
            "closes": "00:00",
        }
    ]
    home_data = jsonld_blocks(client.get("/").content.decode())[0]
    assert "Pasadena Office" in [loc["name"] for loc in home_data["location"]]


def test_closing_before_opening_is_a_form_error(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get()
    data = office_form_data(
        index,
        opening_hours=inline_formset([{"weekday": "2", "opens": "17:00", "closes": "09:00"}]),
    )
    response = admin_client_logged_in.post(add_office_url(index), data)
    assert response.status_code == 200
    assert b"Closing time must be after opening time." in response.content
    assert not OfficePage.objects.filter(slug="pasadena").exists()


def test_overlapping_rows_are_a_form_error(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get()
    data = office_form_data(
        index,
        opening_hours=inline_formset(
            [
                {"weekday": "4", "opens": "09:00", "closes": "13:00"},
                {"weekday": "4", "opens": "12:00", "closes": "16:00"},
            ]
        ),
    )
    response = admin_client_logged_in.post(add_office_url(index), data)
    assert response.status_code == 200
    assert b"Opening hours overlap on Friday" in response.content
    assert not OfficePage.objects.filter(slug="pasadena").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("latitude", "91"), ("latitude", "abc"), ("longitude", "-181"), ("phone", "12")],
)
def test_bad_coordinates_or_phone_are_form_errors(admin_client_logged_in, seeded, field, value):
    index = OfficeIndexPage.objects.get()
    response = admin_client_logged_in.post(
        add_office_url(index), office_form_data(index, **{field: value})
    )
    assert response.status_code == 200
    assert b"error" in response.content
    assert not OfficePage.objects.filter(slug="pasadena").exists()


def test_special_hours_exception_needs_times(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get()
    data = office_form_data(
        index,
        hours_exceptions=inline_formset(
            [{"date": "2026-12-24", "opens": "", "closes": "", "note": "Eve"}]
        ),
    )
    response = admin_client_logged_in.post(add_office_url(index), data)
    assert response.status_code == 200
    assert b"Give opening and closing times, or tick closed." in response.content


# Rendering


def test_office_page_shows_formatted_phone_directions_and_booking_link(client, seeded):
    office = OfficePage.objects.get(slug="santa-monica")
    html = client.get(office.url).content.decode()
    assert 'href="tel:+13105550187"' in html
    assert "(310) 555-0187" in html
    assert "https://www.google.com/maps/dir/?api=1&amp;destination=2811+Wilshire+Blvd" in html
    assert f'href="/book/?office={office.pk}"' in html
    assert "Thanksgiving" in html or "Christmas" in html


def test_office_jsonld_carries_address_geo_and_hours(client, seeded):
    office = OfficePage.objects.get(slug="beverly-hills")
    data = jsonld_blocks(client.get(office.url).content.decode())[0]
    assert data["@type"] == "MedicalClinic"
    assert data["address"]["postalCode"] == "90211"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 34.06696, "longitude": -118.38764}
    assert data["telephone"] == "+13105550142"
    fridays = [
        (s["opens"], s["closes"])
        for s in data["openingHoursSpecification"]
        if s.get("dayOfWeek") == "https://schema.org/Friday"
    ]
    assert fridays == [("08:00", "12:00"), ("13:00", "16:00")]
    assert data["image"][0].startswith("http")


def test_jsonld_escapes_script_breakers(client, seeded):
    office = OfficePage.objects.get(slug="beverly-hills")
    office.title = "Evil </script><script>alert(1)</script>"
    office.save_revision().publish()
    html = client.get(office.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert jsonld_blocks(html)[0]["name"] == office.title


def test_index_lists_offices_with_todays_hours(client, seeded):
    html = client.get("/offices/").content.decode()
    assert html.count('class="today-hours"') == 2
    assert "Santa Monica Office" in html and "Beverly Hills Office" in html


def _add_offices(n):
    index = OfficeIndexPage.objects.get()
    for i in range(n):
        index.add_child(
            instance=OfficePage(
                title=f"Extra {i}",
                slug=f"extra-{i}",
                address_line_1="1 Main St",
                city="Los Angeles",
                postal_code="90001",
                phone="+13105550100",
                latitude="34",
                longitude="-118",
                opening_hours=[OpeningHours(weekday=0, opens=T(9), closes=T(17))],
            )
        )


def _queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the footer cache and settings
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_footer_and_index_query_counts_do_not_grow_with_offices(client, seeded, rendered):
    from django.core.cache import cache

    about_before = _queries_for(client, "/about/")
    index_before = _queries_for(client, "/offices/")
    _add_offices(5)
    cache.clear()
    assert _queries_for(client, "/about/") == about_before > 0
    assert _queries_for(client, "/offices/") == index_before > 0


def test_footer_is_cached_and_refreshed_on_publish_and_unpublish(
    client, seeded, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from offices.footer import footer_offices

    footer_offices()
    with django_assert_num_queries(0):
        footer_offices()
    office = OfficePage.objects.get(slug="santa-monica")
    office.title = "Santa Monica Clinic"
    client.get("/about/")  # now in the page cache too, which must not hide the change
    with django_capture_on_commit_callbacks(execute=True):  # purges run after commit
        office.save_revision().publish()
    assert "Santa Monica Clinic" in client.get("/about/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        office.unpublish()
    footer = client.get("/about/").content.decode().split('id="footer-offices"')[1]
    assert "Santa Monica" not in footer


def test_office_page_budget(client, seeded, rendered, django_assert_max_num_queries):
    office = OfficePage.objects.get(slug="beverly-hills")
    client.get(office.url)
    with django_assert_max_num_queries(8):
        assert client.get(office.url).status_code == 200


def test_moving_an_office_refreshes_the_footer(seeded):
    from offices.footer import footer_offices

    assert [o["title"] for o in footer_offices()][0] == "Beverly Hills Office"
    office = OfficePage.objects.get(slug="santa-monica")
    office.move(OfficeIndexPage.objects.get(), pos="first-child")
    assert [o["title"] for o in footer_offices()][0] == "Santa Monica Office"
