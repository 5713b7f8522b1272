import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.test.utils import WagtailPageTestCase

from blog.blocks import ArticleStreamBlock
from blog.models import BlogIndexPage, BlogPage
from blog.reading import count_words, reading_time_minutes
from practice.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


class TestPageTypeRules(WagtailPageTestCase):
    def test_articles_live_only_under_the_blog_index(self):
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})

    def test_articles_have_no_children(self):
        self.assertAllowedSubpageTypes(BlogPage, {})

    def test_blog_index_lives_under_home_and_holds_articles(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})


def test_article_can_be_created_under_the_index_only(blog_index, seeded):
    assert BlogPage.can_create_at(blog_index)
    assert not BlogPage.can_create_at(seeded)
    assert not BlogPage.can_create_at(ContentPage.objects.first())
    assert not BlogIndexPage.can_create_at(seeded)  # singleton already exists


def _stream(raw):
    return StreamValue(ArticleStreamBlock(), raw, is_lazy=True)


def test_count_words_ignores_punctuation_and_keeps_contractions():
    assert count_words(["Don't panic — it's fine.", "", "two words"]) == 6


def test_reading_time_is_at_least_one_minute():
    assert reading_time_minutes(_stream([])) == 1
    assert reading_time_minutes(None) == 1


def test_reading_time_counts_words_in_every_block_without_html():
    words = " ".join(["word"] * 440)
    body = _stream(
        [
            {"type": "paragraph", "value": f"<p><b>{words}</b></p>"},
            {"type": "bullets", "value": {"items": [" ".join(["item"] * 100)]}},
            {
                "type": "faq",
                "value": {
                    "heading": "Questions",
                    "questions": [{"question": "Why?", "answer": "<p>Because.</p>"}],
                },
            },
        ]
    )
    assert reading_time_minutes(body) == 3  # 540+ words at 220 a minute
    assert reading_time_minutes(body, words_per_minute=1000) == 1


def test_reading_time_is_stored_when_the_article_is_saved(make_article):
    words = " ".join(["word"] * 700)
    article = make_article(body=[{"type": "paragraph", "value": f"<p>{words}</p>"}])
    assert BlogPage.objects.get(pk=article.pk).reading_minutes == 4


def test_publication_date_defaults_to_today():
    assert BlogPage().date == timezone.localdate()


def test_hero_image_needs_alt_text(hero_image):
    page = BlogPage(title="T", slug="t", lede="L", hero_image=hero_image, hero_alt=" ")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "hero_alt" in error.value.message_dict


def test_seeded_blog_has_enough_varied_content(blog_index):
    from blog.models import BlogCategory
    from people.models import Author

    articles = BlogPage.objects.child_of(blog_index).live()
    assert articles.count() >= 12
    assert BlogCategory.objects.filter(articles__isnull=False).distinct().count() >= 4
    tags = {tag.slug for article in articles for tag in article.tags.all()}
    assert len(tags) >= 8
    assert Author.objects.filter(is_physician=True, credentials="MD").exists()
    assert Author.objects.filter(credentials="RN").exists()
    assert any(article.has_faq() for article in articles)


def test_seeding_twice_adds_nothing(blog_index):
    from io import StringIO

    from django.core.management import call_command

    before = BlogPage.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert BlogPage.objects.count() == before
