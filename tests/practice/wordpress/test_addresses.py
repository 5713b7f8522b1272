"""Every old address answers: a permanent redirect straight to a live page (or the page
itself), and the imported articles are listed, searchable, in the feeds and really protected
when they had a password."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from tests.practice.wordpress.conftest import EXPORT_WXR11
from tests.practice.wordpress.test_import import page_for

OLD_ARTICLE_ADDRESSES = {
    "/2024/03/05/cool-compresses/": 11,
    "/2024/03/first-week-plan/": 12,
    "/built-with-divi/": 13,
    "/built-with-elementor/": 14,
    "/hostile-markup/": 15,
    "/for-our-patients/": 19,
    # Percent-encoded as WordPress wrote them (lower case), and as browsers send them.
    "/%ce%b1%ce%bd%ce%ac%cf%81%cf%81%cf%89%cf%83%ce%b7/": 20,
    "/%CE%B1%CE%BD%CE%AC%CF%81%CF%81%CF%89%CF%83%CE%B7/": 20,
    "/cirug%c3%ada-facial/recuperaci%c3%b3n-de-p%c3%a1rpados/": 21,
    "/?p=11": 11,
    "/?p=12": 12,
    "/?p=20": 20,
    "/?p=11&utm_source=newsletter": 11,
    "/?page_id=30": 30,
    "/?page_id=31": 31,
}
OLD_ARCHIVE_ADDRESSES = {
    "/category/recovery-notes/": "/blog/category/recovery-notes/",
    "/category/recovery-notes/eyelid-care/": "/blog/category/eyelid-care/",
    "/category/cirug%c3%ada-facial/": "/blog/category/cirugia-facial/",
    "/tag/swelling/": "/blog/tag/swelling/",
    "/tag/first-week/": "/blog/tag/first-week/",
    "/author/jmarlow/": "/blog/author/jmarlow/",
    "/feed/": "/blog/feed/rss/",
}


@pytest.fixture
def anonymous(client):
    client.logout()
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "post_id"), OLD_ARTICLE_ADDRESSES.items())
def test_every_old_item_address_redirects_permanently_to_its_live_page(
    imported, anonymous, old, post_id
):
    response = anonymous.get(old)
    assert response.status_code == 301
    assert response["Location"] == page_for(post_id).url
    assert anonymous.get(response["Location"]).status_code == 200  # no chain


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), OLD_ARCHIVE_ADDRESSES.items())
def test_category_tag_author_and_feed_archives_redirect_to_the_new_listings(
    imported, anonymous, old, new
):
    response = anonymous.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert anonymous.get(new).status_code == 200


@pytest.mark.django_db
def test_a_page_whose_address_is_unchanged_answers_itself(imported, anonymous):
    assert anonymous.get("/our-story/").status_code == 200
    assert anonymous.get("/our-story/our-team/").status_code == 200
    assert not Redirect.objects.filter(old_path="/our-story").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("old", ["/staff-only-notes/", "/?p=16", "/?p=17", "/?p=18"])
def test_items_that_are_not_live_have_no_redirect(imported, anonymous, old):
    response = anonymous.get(old)
    assert response.status_code in (200, 404)  # /?p= on the home page is the home page
    assert "Location" not in response


@pytest.mark.django_db
def test_redirects_are_page_redirects_that_follow_a_move(imported, anonymous, home):
    team = page_for(31)
    team.move(home, pos="last-child")
    response = anonymous.get("/?page_id=31")
    assert response["Location"] == "/our-team/"
    assert all(r.redirect_page_id for r in Redirect.objects.filter(redirect_link=""))
    assert (
        not Redirect.objects.exclude(redirect_link="").filter(old_path__startswith="/20").exists()
    )


@pytest.mark.django_db
def test_the_http_11_export_with_plain_permalinks_redirects_too(seeded, run_import, anonymous):
    run_import(EXPORT_WXR11)
    response = anonymous.get("/?p=50")
    assert response.status_code == 301
    assert anonymous.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_imported_articles_are_listed_searchable_and_in_the_feeds(imported, anonymous):
    title = "Cool compresses, step by step"
    assert title in anonymous.get("/blog/category/eyelid-care/").content.decode()
    assert title in anonymous.get("/blog/tag/swelling/").content.decode()
    assert title in anonymous.get("/blog/feed/rss/").content.decode()
    assert title in anonymous.get("/blog/feed/atom/").content.decode()
    assert title in anonymous.get("/search/", {"q": "compresses"}).content.decode()
    listing = "".join(anonymous.get("/blog/", {"page": n}).content.decode() for n in range(1, 5))
    assert title in listing


@pytest.mark.django_db
@pytest.mark.parametrize("post_id", [16, 17, 18, 19])
def test_scheduled_draft_private_and_password_posts_are_not_listed(imported, anonymous, post_id):
    article = page_for(post_id)
    assert article.title not in anonymous.get("/blog/feed/rss/").content.decode()
    results = anonymous.get("/search/", {"q": article.title}).content.decode()
    assert f'href="{article.url}"' not in results


@pytest.mark.django_db
def test_the_password_really_protects_the_post(imported, anonymous):
    article = page_for(19)
    restriction = PageViewRestriction.objects.get(page=article)
    secret = "the after-hours number"
    first = anonymous.get(article.url)
    assert first.status_code == 200
    assert secret not in first.content.decode()
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, article.pk])
    wrong = anonymous.post(action, {"password": "guess", "return_url": article.url})
    assert secret not in wrong.content.decode()
    assert secret not in anonymous.get(article.url).content.decode()
    right = anonymous.post(action, {"password": "swan-lake-42", "return_url": article.url})
    assert right.status_code == 302
    assert secret in anonymous.get(article.url).content.decode()
