"""Routing that reuses what it loaded: parents for breadcrumbs and privacy checks, one query
per child, and site settings read once per site generation. Each shortcut must give the
same answer Wagtail's own path would, including after the change that makes it stale."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from blog.models import BlogIndexPage, BlogPage
from practice import navigation
from practice.models import ContentPage, PracticeSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(seeded):
    return BlogPage.objects.live().order_by("pk").first()


def _publish(page, capture):
    with capture(execute=True):  # the page cache purges after commit, as in production
        page.save_revision().publish()


def test_a_routed_page_knows_its_parents_without_a_query(article, django_assert_num_queries):
    request = RequestFactory().get(article.url)
    site = Site.find_for_request(request)
    routed = site.root_page.specific.route(request, ["blog", article.slug]).page

    with django_assert_num_queries(0):
        parents = navigation.ancestors(routed)
    expected = list(article.get_ancestors().filter(depth__gt=1))
    assert [p.pk for p in parents] == [p.pk for p in expected]
    assert [p.title for p in parents] == [p.title for p in expected]


def test_a_routed_article_brings_its_current_hero_image_in_the_same_query(
    article, django_assert_num_queries
):
    request = RequestFactory().get(article.url)
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    with django_assert_num_queries(1):
        routed = blog.route(request, [article.slug]).page
        hero = routed.hero_image
    assert hero is not None and hero.pk == article.hero_image_id
    hero.focal_point_x = 10
    hero.save()
    assert blog.route(request, [article.slug]).page.hero_image.focal_point_x == 10


def test_the_blog_index_is_routed_from_the_cache_until_it_changes(home, django_assert_num_queries):
    request = RequestFactory().get("/blog/")
    home.route(request, ["blog"])  # caches it
    with django_assert_num_queries(0):
        routed = home.route(request, ["blog"]).page
    assert isinstance(routed, BlogIndexPage) and routed.get_parent().pk == home.pk
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    blog.title = "Surgery journal"
    blog.save_revision().publish()
    assert home.route(request, ["blog"]).page.title == "Surgery journal"


def test_a_page_loaded_outside_routing_looks_its_parents_up(article):
    assert navigation.routed_parents(article) is None
    assert [p.pk for p in navigation.ancestors(article)] == [
        p.pk for p in article.get_ancestors().filter(depth__gt=1)
    ]


def test_breadcrumbs_of_a_served_article_name_its_section(client, article, rendered):
    html = client.get(article.url).content.decode()
    trail = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/blog/"' in trail and "Home" in trail


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_section_made_private_after_its_pages_were_served_hides_them_at_once(
    client, article, rendered, django_capture_on_commit_callbacks, kind
):
    assert client.get(article.url).status_code == 200  # caches "no restrictions anywhere"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=BlogIndexPage.objects.get(locale__language_code="en"),
            restriction_type=kind,
            password="a-secret",
        )

    response = client.get(article.url)
    if kind == PageViewRestriction.LOGIN:
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert article.title not in response.content.decode()
        assert 'name="password"' in response.content.decode()


def test_an_alias_of_a_private_article_is_private_too(
    client, article, rendered, django_capture_on_commit_callbacks
):
    alias = article.create_alias(update_slug="article-copy")
    assert client.get(alias.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type="login")

    assert client.get(article.url).status_code == 302
    assert client.get(alias.url).status_code == 302


def test_a_page_added_under_home_after_its_children_were_listed_is_served(
    client, home, rendered, django_capture_on_commit_callbacks
):
    assert client.get("/about/").status_code == 200  # caches the home page's children
    page = ContentPage(title="Aftercare", slug="aftercare")
    home.add_child(instance=page)
    _publish(page, django_capture_on_commit_callbacks)

    response = client.get("/aftercare/")
    assert response.status_code == 200
    assert "Aftercare" in response.content.decode()


def test_a_stale_child_type_falls_back_to_wagtail_routing(client, home, rendered, monkeypatch):
    # As if "about" had been replaced by a page of another type since the list was cached.
    wrong = {"about": ContentType.objects.get_for_model(BlogIndexPage).pk}
    monkeypatch.setattr(navigation, "_children_types", lambda parent: wrong)
    response = client.get("/about/")
    assert response.status_code == 200
    assert ContentPage.objects.get(slug="about").title in response.content.decode()
    assert client.get("/no-such-page/").status_code == 404


def test_saved_settings_show_on_the_next_page(
    client, seeded, rendered, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    with django_assert_max_num_queries(13):  # read once per generation, not per request
        assert client.get("/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        settings = PracticeSettings.for_site(site)
        settings.email = "front@harbor.example"
        settings.save()

    assert 'href="mailto:front@harbor.example"' in client.get("/").content.decode()
