"""Editors create, preview and publish articles through the Wagtail admin."""

import datetime
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogCategory, BlogPage
from people.models import Author
from tests.conftest import require_postgresql

pytestmark = pytest.mark.django_db


def list_block(values):
    """Form data of a ListBlock, in the shape Wagtail's admin posts it."""
    data = {"count": len(values)}
    for i, value in enumerate(values):
        data[str(i)] = {"value": value, "deleted": "", "order": i, "id": ""}
    return data


def article_form_data(hero_image, **overrides):
    surgeon = Author.objects.get(locale__language_code="en", slug="adrian-vale")
    data = {
        "title": "Admin-made article",
        "slug": "admin-made-article",
        "lede": "Written and published through the admin.",
        "date": "2026-01-15",
        "article_authors": inline_formset([{"author": surgeon.pk}]),
        "hero_image": hero_image.pk,
        "hero_alt": "A calm abstract image",
        "hero_caption": "",
        "body": streamfield(
            [
                ("heading", {"text": "Before you start", "level": "h2"}),
                ("paragraph", rich_text("<p>A short paragraph.</p>")),
                (
                    "faq",
                    {
                        "heading": "Questions",
                        "questions": list_block(
                            [
                                {
                                    "question": "Is it painful?",
                                    "answer": rich_text("<p>Not very.</p>"),
                                }
                            ]
                        ),
                    },
                ),
            ]
        ),
        "categories": [BlogCategory.objects.get(slug="surgery").pk],
        "tags": "eyelids, admin test",
        "seo_title": "",
        "search_description": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("blog", "blogpage", index.pk))


def test_superuser_creates_and_publishes_an_article_with_faq(
    admin_client_logged_in, blog_index, hero_image
):
    response = admin_client_logged_in.post(add_url(blog_index), article_form_data(hero_image))
    assert response.status_code == 302, response.context["form"].errors
    article = BlogPage.objects.get(slug="admin-made-article")
    assert article.live
    assert article.has_faq()
    assert [tag.name for tag in article.tags.order_by("name")] == ["admin test", "eyelids"]
    assert [author.slug for author in article.author_list] == ["adrian-vale"]
    html = admin_client_logged_in.get(article.url).content.decode()
    assert "Is it painful?" in html
    assert '"@type": "FAQPage"' in html


def test_admin_refuses_hero_without_alt_text(admin_client_logged_in, blog_index, hero_image):
    response = admin_client_logged_in.post(
        add_url(blog_index), article_form_data(hero_image, hero_alt="")
    )
    assert response.status_code == 200
    assert not BlogPage.objects.filter(slug="admin-made-article").exists()


def test_draft_saved_in_admin_is_not_public(admin_client_logged_in, client, blog_index, hero_image):
    data = article_form_data(hero_image)
    del data["action-publish"]
    response = admin_client_logged_in.post(add_url(blog_index), data)
    assert response.status_code == 302
    article = BlogPage.objects.get(slug="admin-made-article")
    assert not article.live
    client.logout()
    assert client.get("/blog/admin-made-article/").status_code == 404
    assert "Admin-made article" not in client.get("/blog/").content.decode()


def test_preview_of_a_new_article_renders(admin_client_logged_in, blog_index, hero_image):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("blog", "blogpage", blog_index.pk))
    data = article_form_data(hero_image)
    response = admin_client_logged_in.post(url, data)
    assert response.json()["is_valid"]
    preview = admin_client_logged_in.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Admin-made article" in html
    assert "Is it painful?" in html
    assert "Dr. Adrian Vale" in html


def test_preview_of_an_existing_article_shows_unsaved_changes(admin_client_logged_in, blog_index):
    article = BlogPage.objects.child_of(blog_index).live().first()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = article_form_data(article.hero_image, title="Changed in preview", slug=article.slug)
    assert admin_client_logged_in.post(url, data).json()["is_valid"]
    html = admin_client_logged_in.get(url).content.decode()
    assert "Changed in preview" in html


def test_snippet_admin_lists_authors_and_categories(admin_client_logged_in, blog_index):
    for label in ("people_author", "blog_blogcategory"):
        response = admin_client_logged_in.get(reverse(f"wagtailsnippets_{label}:list"))
        assert response.status_code == 200


def test_article_editor_groups_fields_in_tabs_with_help_text(admin_client_logged_in, blog_index):
    article = BlogPage.objects.child_of(blog_index).live().first()
    response = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    tabs = re.findall(r'role="tab"[^>]*>\s*(.*?)\s*<', html, re.S)
    tab_names = [re.sub(r"\s+", " ", name).strip() for name in tabs]
    assert tab_names[:3] == ["Article", "Topics", "Promote"]
    assert "Medical review" not in tab_names
    # The review is not typed in: the first tab shows the approval on record.
    assert "data-medical-review-status" in html
    # Wagtail 8 sets go-live and expiry in a dialog from the Status side panel.
    assert "Set publishing schedule" in html
    for field in ("date", "hero_alt", "hero_caption", "categories", "lede"):
        help_text = str(BlogPage._meta.get_field(field).help_text)
        assert help_text
        assert escape(help_text) in html, field


def test_publication_date_help_says_how_to_schedule():
    help_text = str(BlogPage._meta.get_field("date").help_text)
    assert "does not schedule" in help_text
    assert "Set schedule" in help_text


def test_article_scheduled_in_the_admin_goes_live_only_when_its_time_comes(
    admin_client_logged_in, blog_index, hero_image, django_capture_on_commit_callbacks
):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    data = article_form_data(
        hero_image,
        date=go_live.date().isoformat(),
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    response = admin_client_logged_in.post(add_url(blog_index), data)
    assert response.status_code == 302, response.context["form"].errors
    article = BlogPage.objects.get(slug="admin-made-article")
    assert not article.live
    assert article.go_live_at is not None

    visitor = Client()
    assert visitor.get("/blog/admin-made-article/").status_code == 404
    assert "Admin-made article" not in visitor.get("/blog/").content.decode()
    call_command("publish_scheduled")  # the clock has not reached go_live_at
    assert not BlogPage.objects.get(pk=article.pk).live

    later = timezone.now() + datetime.timedelta(days=3)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),  # the page cache purges on commit
    ):
        call_command("publish_scheduled")
    assert BlogPage.objects.get(pk=article.pk).live
    assert visitor.get("/blog/admin-made-article/").status_code == 200
    assert "Admin-made article" in visitor.get("/blog/").content.decode()


def test_a_category_slug_taken_in_its_language_is_a_form_error_not_a_crash(seeded):
    """Slugs are unique per language (a Spanish category may share an English slug); the
    database constraint names the locale, so the model says so before it is reached."""
    from django.core.exceptions import ValidationError
    from wagtail.models import Locale

    taken = BlogCategory.objects.filter(locale__language_code="en").first()
    duplicate = BlogCategory(name="Another name", slug=taken.slug, locale=Locale.get_default())
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict and "name" not in error.value.message_dict
    spanish = Locale.objects.get(language_code="es")
    BlogCategory(name="Otra", slug=taken.slug, locale=spanish).full_clean()  # no clash


def test_the_same_author_twice_is_a_form_error(admin_client_logged_in, blog_index, hero_image):
    surgeon = Author.objects.get(locale__language_code="en", slug="adrian-vale")
    twice = inline_formset([{"author": surgeon.pk}, {"author": surgeon.pk}])
    response = admin_client_logged_in.post(
        add_url(blog_index), article_form_data(hero_image, article_authors=twice)
    )
    assert response.status_code == 200
    assert "must be unique" in response.content.decode()
    assert not BlogPage.objects.filter(slug="admin-made-article").exists()

    # Editing a saved article: the error, and its authors as they were.
    admin_client_logged_in.post(add_url(blog_index), article_form_data(hero_image))
    article = BlogPage.objects.get(slug="admin-made-article")
    revisions = article.revisions.count()
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    [row] = article.article_authors.all()
    twice = inline_formset(
        [{"id": row.pk, "author": surgeon.pk}, {"author": surgeon.pk}], initial=1
    )
    response = admin_client_logged_in.post(
        edit, article_form_data(hero_image, article_authors=twice)
    )
    assert response.status_code == 200
    assert "must be unique" in response.content.decode()
    assert [a.author_id for a in article.article_authors.all()] == [surgeon.pk]
    assert article.revisions.count() == revisions


def _two_author_article(client, blog_index, hero_image):
    first, second = Author.objects.filter(locale__language_code="en").order_by("pk")[:2]
    authors = inline_formset([{"author": first.pk}, {"author": second.pk}])
    response = client.post(
        add_url(blog_index), article_form_data(hero_image, article_authors=authors)
    )
    assert response.status_code == 302
    article = BlogPage.objects.get(slug="admin-made-article")
    return article, first, second


def _author_rows(article):
    return [(row.pk, row.author_id) for row in article.article_authors.order_by("sort_order")]


def test_swapping_two_authors_between_rows_publishes(
    admin_client_logged_in, blog_index, hero_image
):
    """Each row takes the other's author: while the first row is saved, the second still names
    the same author (the unique constraint is checked at commit)."""
    require_postgresql("A constraint checked at commit")
    article, first, second = _two_author_article(admin_client_logged_in, blog_index, hero_image)
    (row_a, _), (row_b, _) = _author_rows(article)
    swapped = inline_formset(
        [{"id": row_a, "author": second.pk}, {"id": row_b, "author": first.pk}], initial=2
    )
    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form_data(hero_image, article_authors=swapped),
    )
    assert response.status_code == 302
    assert [author for _, author in _author_rows(article)] == [second.pk, first.pk]
    connection.check_constraints()  # what the commit checks: still one row per author


def test_removing_an_author_and_adding_them_again_publishes(
    admin_client_logged_in, blog_index, hero_image
):
    article, first, second = _two_author_article(admin_client_logged_in, blog_index, hero_image)
    (row_a, _), (row_b, _) = _author_rows(article)
    readded = inline_formset(
        [
            {"id": row_a, "author": first.pk, "DELETE": "1"},
            {"id": row_b, "author": second.pk},
            {"author": first.pk},
        ],
        initial=2,
    )
    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form_data(hero_image, article_authors=readded),
    )
    assert response.status_code == 302
    assert sorted(author for _, author in _author_rows(article)) == sorted([first.pk, second.pk])
