"""Routing, privacy and settings are Wagtail's own: breadcrumbs name a page's section,
private pages unlock with the right password or a sign-in and nothing else, every Wagtail
URL reaches Wagtail's view, and pages with non-ASCII slugs answer in both languages."""

from urllib.parse import quote

import pytest
from django.urls import URLPattern, resolve, reverse
from django.urls.converters import IntConverter
from django.utils import translation
from wagtail import urls as wagtail_urls
from wagtail.models import PageViewRestriction, Site

from blog.models import BlogIndexPage, BlogPage
from core.demo_helpers import publish_child
from core.site_settings import PracticeSettings
from practice.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(seeded):
    return BlogPage.objects.live().order_by("pk").first()


def _publish(page, capture):
    with capture(execute=True):  # the page cache purges after commit, as in production
        page.save_revision().publish()


def test_breadcrumbs_of_a_served_article_name_its_section(client, article, rendered):
    html = client.get(article.url).content.decode()
    trail = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/blog/"' in trail and "Home" in trail


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_section_made_private_after_its_pages_were_served_hides_them_at_once(
    client, article, rendered, django_capture_on_commit_callbacks, kind
):
    assert client.get(article.url).status_code == 200
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
    assert client.get("/about/").status_code == 200
    page = ContentPage(title="Aftercare", slug="aftercare")
    home.add_child(instance=page)
    _publish(page, django_capture_on_commit_callbacks)

    response = client.get("/aftercare/")
    assert response.status_code == 200
    assert "Aftercare" in response.content.decode()


def test_saved_settings_show_on_the_next_page(
    client, seeded, rendered, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    with django_assert_max_num_queries(24):  # Wagtail's settings lookup: once per request
        assert client.get("/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        settings = PracticeSettings.for_site(site)
        settings.email = "front@harbor.example"
        settings.save()

    assert 'href="mailto:front@harbor.example"' in client.get("/").content.decode()


# The defects (#29): a copy of Wagtail's page-serving pattern in practice/urls.py
# swallowed Wagtail's _util/ views (the password form's target and the sign-in page).


@pytest.fixture
def private_article(article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
        )
    return article, restriction


def _password_form_action(html):
    return html.split('action="')[1].split('"')[0].replace("&amp;", "&")


def test_a_password_page_unlocks_with_the_right_password(client, private_article, rendered):
    article, restriction = private_article
    form = client.get(article.url).content.decode()
    action = _password_form_action(form)
    assert action == f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"

    response = client.post(action, {"password": "open-sesame", "return_url": article.url})
    assert response.status_code == 302 and response["Location"] == article.url
    page = client.get(article.url)
    assert page.status_code == 200
    assert f"<h1>{article.title}</h1>" in page.content.decode()


def test_a_password_page_stays_locked_with_a_wrong_password(client, private_article, rendered):
    article, restriction = private_article
    action = _password_form_action(client.get(article.url).content.decode())

    response = client.post(action, {"password": "guess", "return_url": article.url})
    assert response.status_code == 200  # the form again, with its error
    assert 'name="password"' in response.content.decode()
    page = client.get(article.url).content.decode()
    assert f"<h1>{article.title}</h1>" not in page and 'name="password"' in page


def test_a_signed_in_only_page_sends_a_visitor_through_sign_in_and_back(
    client, article, rendered, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type="login")
    django_user_model.objects.create_user("patient", "patient@example.com", "pw-patient-123")

    to_sign_in = client.get(article.url)
    assert to_sign_in.status_code == 302
    sign_in_url = to_sign_in["Location"]
    form = client.get(sign_in_url)
    assert form.status_code == 200 and 'name="password"' in form.content.decode()

    back = client.post(
        sign_in_url, {"username": "patient", "password": "pw-patient-123", "next": article.url}
    )
    assert back.status_code == 302 and back["Location"] == article.url
    page = client.get(article.url)
    assert page.status_code == 200
    assert f"<h1>{article.title}</h1>" in page.content.decode()


def _sample_arguments(pattern):
    """Arguments that fit a URL pattern: 1 for an int, "about/" for the page path."""
    converters = getattr(pattern.pattern, "converters", {})
    if converters:
        kwargs = {
            name: 1 if isinstance(converter, IntConverter) else "about"
            for name, converter in converters.items()
        }
        return (), kwargs
    return ("about/",) * pattern.pattern.regex.groups, {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_wagtail_url_name_resolves_to_wagtails_own_view(language):
    patterns = [p for p in wagtail_urls.urlpatterns if isinstance(p, URLPattern) and p.name]
    assert {"wagtail_serve", "wagtailcore_authenticate_with_password", "wagtailcore_login"} <= {
        p.name for p in patterns
    }
    wrong = {}
    with translation.override(language):
        for pattern in patterns:
            args, kwargs = _sample_arguments(pattern)
            url = reverse(pattern.name, args=args, kwargs=kwargs)
            match = resolve(url)
            # The very view wagtail.urls routes that name to (Wagtail's, or the Django
            # sign-in view Wagtail mounts), not a copy in front of it.
            if match.func is not pattern.callback or match.url_name != pattern.name:
                view = getattr(match.func, "view_class", match.func)
                wrong[pattern.name] = f"{url} -> {view.__module__}.{view.__name__}"
    assert not wrong


# Wagtail makes Unicode slugs by default: a Spanish editor's "Diseño de sonrisa" keeps its ñ.
UNICODE_SLUGS = {
    "en": ["diseño-óptimo", "ρινοπλαστική"],
    "es": ["diseño-de-sonrisa", "ρινοπλαστική"],
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_pages_with_spanish_and_greek_slugs_answer_in_both_languages(
    client, seeded, page_cache_enabled, language
):
    home = HomePage.objects.get(locale__language_code=language)
    prefix = "" if language == "en" else f"/{language}"
    for slug in UNICODE_SLUGS[language]:
        publish_child(home, ContentPage(title=f"Page {slug}", slug=slug, intro="Accents."))
        path = f"{prefix}/{quote(slug)}/"
        for _ in range(2):  # rendered, then (page cache on) from the cache
            response = client.get(path)
            assert response.status_code == 200, path
            assert f"<h1>Page {slug}</h1>" in response.content.decode(), path
