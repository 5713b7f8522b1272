"""The article page shows its authors, categories, tags and cards of other articles, with
hero images' renditions from Wagtail's rendition cache; every change to what they show is
on the next render, never a stale copy."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from taggit.models import Tag
from wagtail.images.rect import Rect

from blog.models import BlogCategory, BlogPage
from core.demo_images import demo_image, draw_image
from people.models import Author

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered")]


@pytest.fixture
def clean_blog(blog_index):
    BlogPage.objects.child_of(blog_index).delete()
    return blog_index


@pytest.fixture
def render(client):
    def get(article):
        response = client.get(article.url)
        assert response.status_code == 200
        return response.content.decode()

    return get


@pytest.fixture
def pair(clean_blog, make_article, category):
    """An article and a related one (shared category) that is also its previous article."""
    companion = make_article("Companion story", categories=[category], days_ago=2)
    article = make_article("Main story", categories=[category], days_ago=1)
    return article, companion


def image_urls(html, image):
    """The rendition URLs of `image` in the page (Wagtail names renditions after the file)."""
    stem = re.escape(Path(image.file.name).stem.split("_")[0])
    return set(re.findall(rf'[^\s"]*{stem}[^\s",]*', html))


def test_an_authors_new_name_shows_on_the_next_render(
    make_article, author, render, django_capture_on_commit_callbacks
):
    article = make_article("Signed story")
    assert "Dr. Test Surgeon" in render(article)
    author.name = "Dr. Renamed Surgeon"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    html = render(article)
    assert "Dr. Renamed Surgeon" in html and "Dr. Test Surgeon" not in html


def test_a_reviewers_new_name_shows_on_the_next_render(
    make_article, render, django_capture_on_commit_callbacks, approve
):
    reviewer = Author.objects.create(name="Dr. Old Reviewer", slug="old-reviewer")
    article = make_article("Reviewed story")
    approve(article, reviewer)
    assert "Medically reviewed by" in render(article) and "Dr. Old Reviewer" in render(article)
    reviewer.name = "Dr. New Reviewer"
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.save()
    assert "Dr. New Reviewer" in render(article)


def test_a_categorys_new_name_shows_on_the_next_render(
    make_article, category, render, django_capture_on_commit_callbacks
):
    article = make_article("Filed story", categories=[category])
    render(article)
    category.name = "Renamed topic"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert ">Renamed topic</a>" in render(article)


def test_a_tags_new_name_shows_on_the_next_render(
    make_article, render, django_capture_on_commit_callbacks
):
    article = make_article("Tagged story", tags=["old-subject"])
    assert ">old-subject</a>" in render(article)
    tag = Tag.objects.get(name="old-subject")
    tag.name = "new-subject"
    with django_capture_on_commit_callbacks(execute=True):  # committed, as the admin does
        tag.save()
    html = render(article)
    assert ">new-subject</a>" in html and "old-subject<" not in html


def test_a_published_change_of_the_articles_own_categories_shows_at_once(
    make_article, category, render
):
    article = make_article("Moving story", categories=[category])
    render(article)
    other = BlogCategory.objects.create(name="Another topic", slug="another-topic")
    article.categories = [other]
    article.save_revision().publish()
    html = render(article)
    assert ">Another topic</a>" in html and f">{category.name}</a>" not in html


def test_a_card_articles_new_title_shows_on_the_next_render(
    pair, render, django_capture_on_commit_callbacks
):
    article, companion = pair
    html = render(article)
    assert html.count("Companion story</a>") == 2  # the related card and the previous link
    companion.title = "Retitled companion"
    with django_capture_on_commit_callbacks(execute=True):  # committed, as the admin does
        companion.save_revision().publish()
    html = render(article)
    assert "Companion story</a>" not in html and html.count("Retitled companion</a>") == 2


def test_a_card_images_new_focal_point_shows_on_the_next_render(
    pair, render, django_capture_on_commit_callbacks
):
    article, companion = pair
    picture = demo_image("Card picture", "A card picture", seed=21, size=(640, 360))
    companion.hero_image = picture
    companion.save_revision().publish()
    before = image_urls(render(article), picture)
    assert before  # the related card shows it

    picture.set_focal_point(Rect(0, 0, 40, 40))
    with django_capture_on_commit_callbacks(execute=True):
        picture.save()
    after = image_urls(render(article), picture)
    assert after and not after & before


def test_a_card_images_new_file_shows_on_the_next_render(
    pair, render, django_capture_on_commit_callbacks
):
    article, companion = pair
    picture = demo_image("Card picture", "A card picture", seed=21, size=(640, 360))
    companion.hero_image = picture
    companion.save_revision().publish()
    before = image_urls(render(article), picture)
    assert before

    # What the image edit form does with a new file: new metadata, old renditions dropped.
    picture.file = ImageFile(io.BytesIO(draw_image(22, (640, 360))), name="replaced.jpg")
    picture.file_size = picture.file.size
    picture.file_hash = ""  # get_file_hash() computes it from the new file and saves it
    with django_capture_on_commit_callbacks(execute=True):
        picture.save()
        picture.get_file_hash()
        picture.renditions.all().delete()
    html = render(article)
    assert image_urls(html, picture) and not image_urls(html, picture) & before


def test_a_hero_images_new_focal_point_shows_on_its_own_article(
    make_article, hero_image, render, django_capture_on_commit_callbacks
):
    article = make_article("Pictured story")
    before = image_urls(render(article), hero_image)
    assert before
    hero_image.set_focal_point(Rect(0, 0, 40, 40))
    with django_capture_on_commit_callbacks(execute=True):
        hero_image.save()
    after = image_urls(render(article), hero_image)
    assert after and not after & before


def test_a_deleted_card_image_leaves_the_card_without_it(
    pair, render, django_capture_on_commit_callbacks
):
    article, companion = pair
    picture = demo_image("Doomed picture", "A doomed picture", seed=23, size=(640, 360))
    companion.hero_image = picture
    companion.save_revision().publish()
    assert image_urls(render(article), picture)
    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()
    html = render(article)
    assert "Companion story" in html and not image_urls(html, picture)


def test_an_author_photos_new_focal_point_shows_on_the_next_render(
    make_article, author, render, django_capture_on_commit_callbacks
):
    author.photo = demo_image("Portrait", "A portrait", seed=24, size=(400, 400))
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    article = make_article("Signed story")
    before = image_urls(render(article), author.photo)
    assert before  # the author box shows it
    author.photo.set_focal_point(Rect(0, 0, 40, 40))
    with django_capture_on_commit_callbacks(execute=True):
        author.photo.save()
    after = image_urls(render(article), author.photo)
    assert after and not after & before


def test_the_blog_indexs_new_title_shows_on_its_articles_next_render(
    make_article, blog_index, render, django_capture_on_commit_callbacks
):
    article = make_article("Indexed story")
    old_title = blog_index.title
    assert f">{old_title}</a>" in render(article)  # the breadcrumb
    blog_index.title = "Surgery journal"
    with django_capture_on_commit_callbacks(execute=True):
        blog_index.save_revision().publish()
    html = render(article)
    assert ">Surgery journal</a>" in html and f">{old_title}</a>" not in html


def test_an_unpublished_blog_index_stops_serving_at_once(
    client, blog_index, django_capture_on_commit_callbacks
):
    assert client.get("/blog/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        blog_index.unpublish()
    assert client.get("/blog/").status_code == 404
