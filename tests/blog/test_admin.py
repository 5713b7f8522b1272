"""Editors create, preview and publish articles through the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import Author, BlogCategory, BlogPage

pytestmark = pytest.mark.django_db


def list_block(values):
    """Form data of a ListBlock, in the shape Wagtail's admin posts it."""
    data = {"count": len(values)}
    for i, value in enumerate(values):
        data[str(i)] = {"value": value, "deleted": "", "order": i, "id": ""}
    return data


def article_form_data(hero_image, **overrides):
    surgeon = Author.objects.get(slug="adrian-vale")
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
        "reviewed_by": surgeon.pk,
        "last_reviewed": "2026-01-20",
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
    for model in ("author", "blogcategory"):
        response = admin_client_logged_in.get(reverse(f"wagtailsnippets_blog_{model}:list"))
        assert response.status_code == 200
