import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from offices import hours
from offices.models import (
    HoursException,
    OfficeGalleryImage,
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


def soon(days=10):
    """A date a few days ahead in the practice zone: inside the 60 days the page lists."""
    return timezone.localdate() + datetime.timedelta(days=days)


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
            [
                {
                    "date": soon().isoformat(),
                    "closed": "on",
                    "opens": "",
                    "closes": "",
                    "note": "Xmas",
                }
            ]
        ),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_office_url(index):
    return reverse("wagtailadmin_pages:add", args=("offices", "officepage", index.pk))


# Page-type rules


def test_offices_live_under_the_office_index_only(seeded):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
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


def test_hours_follow_the_clock_of_the_active_language():
    from django.utils import translation

    office = _office_with([(0, T(9), T(12)), (0, T(13, 30), T(17))])
    monday = datetime.date(2026, 11, 23)
    with translation.override("es"):
        assert [i.label() for i in hours.hours_on(office, monday)] == [
            "09:00 – 12:00",
            "13:30 – 17:00",
        ]
    with translation.override("en"):
        assert hours.hours_on(office, monday)[1].label() == "1:30 pm – 5:00 pm"


def test_spanish_office_pages_show_24_hour_times_and_iso_structured_data(client, seeded):
    html = client.get("/es/consultorios/beverly-hills/").content.decode()
    table = re.search(r'<table class="hours-table">.*?</table>', html, re.S).group(0)
    assert "09:00 – 17:00" in table
    today = re.search(r'<p class="today-hours">.*?</p>', html).group(0)
    assert not re.search(r"\d (am|pm)\b", table + today)
    # Structured data keeps ISO times whatever the page's language.
    assert '"opens": "09:00"' in html and '"closes": "17:00"' in html
    english = client.get("/offices/beverly-hills/").content.decode()
    assert "9:00 am – 5:00 pm" in english


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
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    client = admin_client_logged_in
    response = client.post(add_office_url(index), office_form_data(index))
    assert response.status_code == 302, response.content[:2000]
    office = OfficePage.objects.get(locale__language_code="en", slug="pasadena")
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
            "validFrom": soon().isoformat(),
            "validThrough": soon().isoformat(),
            "opens": "00:00",
            "closes": "00:00",
        }
    ]
    home_data = jsonld_blocks(client.get("/").content.decode())[0]
    assert "Pasadena Office" in [loc["name"] for loc in home_data["location"]]


def test_closing_before_opening_is_a_form_error(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    data = office_form_data(
        index,
        opening_hours=inline_formset([{"weekday": "2", "opens": "17:00", "closes": "09:00"}]),
    )
    response = admin_client_logged_in.post(add_office_url(index), data)
    assert response.status_code == 200
    assert b"Closing time must be after opening time." in response.content
    assert not OfficePage.objects.filter(slug="pasadena").exists()


def test_overlapping_rows_are_a_form_error(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
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
    ("field", "value", "message"),
    [
        ("latitude", "91", "Ensure this value is less than or equal to 90."),
        ("latitude", "abc", "Enter a number."),
        ("longitude", "-181", "Ensure this value is greater than or equal to -180."),
        ("phone", "12", "Enter a valid phone number"),
    ],
)
def test_bad_coordinates_or_phone_are_form_errors(
    admin_client_logged_in, seeded, field, value, message
):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    response = admin_client_logged_in.post(
        add_office_url(index), office_form_data(index, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert message.encode() in response.content
    assert not OfficePage.objects.filter(slug="pasadena").exists()


def test_two_exceptions_on_one_date_are_a_form_error(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    day = soon(12)
    data = office_form_data(
        index,
        hours_exceptions=inline_formset(
            [
                {"date": day.isoformat(), "closed": "on", "note": "Closed"},
                {"date": day.isoformat(), "opens": "09:00", "closes": "12:00", "note": "Short"},
                {"date": soon(13).isoformat(), "closed": "on", "note": "Fine"},
            ]
        ),
    )
    response = admin_client_logged_in.post(add_office_url(index), data)
    assert response.status_code == 200
    expected = (
        f"More than one holiday or special-hours exception on {day:%B} {day.day}, {day.year}."
    )
    assert expected in response.context["form"].non_field_errors()[0]
    assert expected.encode() in response.content
    assert not OfficePage.objects.filter(slug="pasadena").exists()


def test_a_deleted_duplicate_exception_is_not_counted(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    day = soon(12)
    data = office_form_data(
        index,
        hours_exceptions=inline_formset(
            [
                {"date": day.isoformat(), "closed": "on", "note": "Closed"},
                {"date": day.isoformat(), "closed": "on", "note": "Gone", "DELETE": "on"},
            ]
        ),
    )
    response = admin_client_logged_in.post(add_office_url(index), data)
    assert response.status_code == 302
    assert (
        OfficePage.objects.get(locale__language_code="en", slug="pasadena").hours_exceptions.count()
        == 1
    )


def test_special_hours_exception_needs_times(admin_client_logged_in, seeded):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    data = office_form_data(
        index,
        hours_exceptions=inline_formset(
            [{"date": soon().isoformat(), "opens": "", "closes": "", "note": "Eve"}]
        ),
    )
    response = admin_client_logged_in.post(add_office_url(index), data)
    assert response.status_code == 200
    assert b"Give opening and closing times, or tick closed." in response.content


# Rendering


def test_office_page_shows_formatted_phone_directions_and_booking_link(client, seeded):
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    # Its own closure, a few days ahead: the test never depends on the calendar.
    HoursException.objects.create(page=office, date=soon(5), closed=True, note="Staff training")
    html = client.get(office.url).content.decode()
    assert 'href="tel:+13105550187"' in html
    assert "(310) 555-0187" in html
    assert "https://www.google.com/maps/dir/?api=1&amp;destination=2811+Wilshire+Blvd" in html
    assert f'href="/book/?office={office.pk}&amp;source={office.pk}"' in html
    assert f"{soon(5):%A, %B} {soon(5).day}: Closed (Staff training)" in html


def test_office_jsonld_carries_address_geo_and_hours(client, seeded):
    office = OfficePage.objects.get(locale__language_code="en", slug="beverly-hills")
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
    office = OfficePage.objects.get(locale__language_code="en", slug="beverly-hills")
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
    index = OfficeIndexPage.objects.get(locale__language_code="en")
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

    client.get(url)  # makes renditions and caches the header and footer, as a server has
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_footer_and_index_query_counts_do_not_grow_with_offices(client, seeded, rendered):
    from django.core.cache import cache

    about_before = _queries_for(client, "/about/")
    index_before = _queries_for(client, "/offices/")
    _add_offices(5)
    cache.clear()
    # The listing loads its offices with their hours in a fixed number of queries.
    assert _queries_for(client, "/about/") == about_before <= 12
    assert _queries_for(client, "/offices/") == index_before <= 14


def test_footer_is_refreshed_on_publish_and_unpublish(
    client, seeded, django_capture_on_commit_callbacks
):
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
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
    office = OfficePage.objects.get(locale__language_code="en", slug="beverly-hills")
    client.get(office.url)
    # Wagtail's routing, site lookup and privacy check, settings, versions, hours, photos.
    with django_assert_max_num_queries(18):
        assert client.get(office.url).status_code == 200


def _footer(client, path="/about/"):
    return client.get(path).content.decode().split('id="footer-offices"')[1].split("</section>")[0]


def test_moving_an_office_refreshes_the_footer(client, seeded, django_capture_on_commit_callbacks):
    assert _footer(client).index("Beverly Hills") < _footer(client).index("Santa Monica")
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    with django_capture_on_commit_callbacks(execute=True):
        office.move(OfficeIndexPage.objects.get(locale__language_code="en"), pos="first-child")
    assert _footer(client).index("Santa Monica") < _footer(client).index("Beverly Hills")


def test_renaming_the_office_index_refreshes_the_footer_links(
    client, seeded, django_capture_on_commit_callbacks
):
    assert 'href="/offices/santa-monica/"' in _footer(client)
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    index.slug = "locations"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()
    footer = _footer(client)
    assert 'href="/locations/santa-monica/"' in footer
    assert 'href="/offices/' not in footer


def test_deleting_an_office_removes_it_from_the_footer(
    client, seeded, django_capture_on_commit_callbacks
):
    _add_offices(1)  # the demo offices have bookings, which protect them from deletion
    assert "Extra 0" in _footer(client)
    with django_capture_on_commit_callbacks(execute=True):
        OfficePage.objects.get(locale__language_code="en", slug="extra-0").delete()
    assert "Extra 0" not in _footer(client)


def _cold_queries(client, path):
    from django.core.cache import cache

    cache.clear()  # footer, menu, settings and page cache all start empty
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_footer_query_count_measured_cold_does_not_grow_with_offices(client, seeded):
    before, html = _cold_queries(client, "/about/")
    assert html.split('id="footer-offices"')[1].count("<li>") == 2
    _add_offices(6)
    after, html = _cold_queries(client, "/about/")
    assert html.split('id="footer-offices"')[1].count("<li>") == 8
    assert after == before > 0


# Dates: the practice zone decides what "today" and "upcoming" mean


def test_jsonld_lists_upcoming_exceptions_only(client, seeded):
    office = OfficePage.objects.get(locale__language_code="en", slug="beverly-hills")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    HoursException.objects.create(page=office, date=yesterday, closed=True, note="Past")
    HoursException.objects.create(page=office, date=soon(3), closed=True, note="Ahead")
    data = jsonld_blocks(client.get(office.url).content.decode())[0]
    dated = [s["validFrom"] for s in data["openingHoursSpecification"] if "validFrom" in s]
    assert soon(3).isoformat() in dated
    assert yesterday.isoformat() not in dated
    assert all(d >= timezone.localdate().isoformat() for d in dated)


def test_todays_hours_use_the_practice_date_when_utc_is_already_tomorrow(client, seeded, rendered):
    from unittest import mock

    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    # 05:00 UTC on Wednesday 10 March 2027 is 21:00 on Tuesday 9 March in Los Angeles.
    instant = datetime.datetime(2027, 3, 10, 5, 0, tzinfo=datetime.UTC)
    tuesday, wednesday = datetime.date(2027, 3, 9), datetime.date(2027, 3, 10)
    HoursException.objects.create(
        page=office, date=tuesday, closed=False, opens=T(10), closes=T(11)
    )
    HoursException.objects.create(
        page=office, date=wednesday, closed=False, opens=T(14), closes=T(15)
    )
    with mock.patch("django.utils.timezone.now", return_value=instant):
        page = client.get(office.url).content.decode()
        index = client.get("/offices/").content.decode()
    today = "<strong>Today:</strong> 10:00 am – 11:00 am"
    assert today in page
    assert today in index
    assert "2:00 pm – 3:00 pm</p>" not in page


# Gallery


def _add_photos(office, count, start=0):
    from core.demo_images import demo_image

    for n in range(start, start + count):
        image = demo_image(
            f"Gallery test {n}", f"Reception desk, view {n}", seed=n, size=(160, 120)
        )
        OfficeGalleryImage.objects.create(page=office, image=image, sort_order=10 + n)


def test_gallery_images_render_with_their_alt_text(client, seeded):
    office = OfficePage.objects.get(locale__language_code="en", slug="beverly-hills")
    _add_photos(office, 1)
    html = client.get(office.url).content.decode()
    assert 'alt="Reception desk, view 0"' in html
    assert 'alt="Waiting room of the Beverly Hills Office, view 1"' in html


def test_office_page_queries_do_not_grow_with_the_gallery(client, seeded, rendered):
    from django.core.cache import cache

    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    office.gallery_images.all().delete()

    def cold_count():
        # The photos were added without a publish (which would retire the cached page):
        # clear the cache so this request renders them, making their renditions.
        cache.clear()
        client.get(office.url)  # make the renditions once
        cache.clear()  # Wagtail also caches renditions there: count the database's work
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(office.url).content.decode()
        return len(ctx), html

    _add_photos(office, 1)
    one, html = cold_count()
    assert len(jsonld_blocks(html)[0]["image"]) == 1
    _add_photos(office, 5, start=1)
    six, html = cold_count()
    assert len(jsonld_blocks(html)[0]["image"]) == 6
    assert six == one


def test_office_pages_have_no_subpages():
    assert OfficePage.subpage_types == []
    assert OfficePage.allowed_subpage_models() == []


def test_todays_hours_edit_shows_at_once_on_the_offices_index(fetch, seeded):
    """An office's hours published, or a closure for today, are on the offices index's very
    next response (page cache off and on)."""
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    today = timezone.localdate()

    def listing(html):
        return html.split("Santa Monica Office")[1].split("</li>")[0]

    assert "7:15" not in listing(fetch("/offices/"))

    def new_hours():
        for row in [r for r in office.opening_hours.all() if r.weekday == today.weekday()]:
            office.opening_hours.remove(row)
        office.opening_hours.add(
            OpeningHours(weekday=today.weekday(), opens=T(7, 15), closes=T(16))
        )
        office.save_revision().publish()

    fetch.change(new_hours)
    assert "7:15" in listing(fetch("/offices/"))

    def closed_today():
        office.hours_exceptions.add(HoursException(date=today, closed=True, note="Inventory"))
        office.save_revision().publish()

    fetch.change(closed_today)
    today_line = listing(fetch("/offices/"))
    assert "7:15" not in today_line and "Closed" in today_line
