"""What routing finds (the home page, the offices index and office pages, content pages,
category listings) never outlives a change: an office hours edit, an offices index edit, a
content page publish and a renamed category are on the very next response, with the page
cache off and on."""

import datetime

import pytest
from django.utils import timezone

from offices.models import HoursException, OfficeIndexPage, OfficePage, OpeningHours

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(seeded):
    return OfficePage.objects.get(locale__language_code="en", slug="santa-monica")


def test_an_office_hours_edit_shows_at_once_on_the_office_page(fetch, office):
    html = fetch(office.url)
    assert "Staff training day" not in html and "9:45" not in html

    def publish():
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        office.hours_exceptions.add(
            HoursException(date=tomorrow, closed=True, note="Staff training day")
        )
        row = office.opening_hours.all()[0]
        office.opening_hours.remove(row)
        office.opening_hours.add(
            OpeningHours(weekday=row.weekday, opens=datetime.time(9, 45), closes=row.closes)
        )
        office.save_revision().publish()

    fetch.change(publish)
    html = fetch(office.url)
    assert "Staff training day" in html and "9:45" in html


def test_an_offices_index_edit_shows_at_once_on_it_and_under_it(fetch, office):
    index = OfficeIndexPage.objects.get(locale__language_code="en")
    fetch(index.url), fetch(office.url)

    def publish():
        index.title = "Where to find us"
        index.save_revision().publish()

    fetch.change(publish)
    assert "Where to find us" in fetch(index.url)
    assert "Where to find us" in fetch(office.url)  # its breadcrumbs


def test_an_unpublished_office_is_no_longer_routed(client, seeded, office, settings):
    settings.PAGE_CACHE_ENABLED = False
    assert client.get(office.url).status_code == 200
    office.unpublish()
    assert client.get(office.url).status_code == 404


def test_a_content_page_edit_and_unpublish_show_at_once(fetch, seeded):
    from practice.models import ContentPage

    about = ContentPage.objects.get(locale__language_code="en", slug="about")
    url = about.url
    assert "About the practice, rewritten" not in fetch(url)

    def publish():
        about.title = "About the practice, rewritten"
        about.save_revision().publish()

    fetch.change(publish)
    assert "About the practice, rewritten" in fetch(url)

    fetch.change(about.unpublish)
    assert fetch(url) is None


def test_a_category_renamed_or_deleted_is_routed_as_it_now_is(fetch, seeded):
    from blog.models import BlogCategory

    category = BlogCategory.objects.filter(locale__language_code="en").first()
    old_url = f"/blog/category/{category.slug}/"
    assert fetch(old_url) is not None

    def rename():
        category.slug = "renamed-topic"
        category.save()

    fetch.change(rename)
    assert fetch(old_url) is None
    assert fetch("/blog/category/renamed-topic/") is not None

    fetch.change(category.delete)
    assert fetch("/blog/category/renamed-topic/") is None
