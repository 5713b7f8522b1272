import pytest

from blog.models import BlogCategory, BlogPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_blog(blog_index):
    BlogPage.objects.child_of(blog_index).delete()
    return blog_index


def test_related_articles_share_a_category_or_tag(clean_blog, make_article, category):
    other = BlogCategory.objects.create(name="Other", slug="other")
    article = make_article("Main", categories=[category], tags=["eyes"])
    by_category = make_article("Same category", categories=[category])
    by_tag = make_article("Same tag", categories=[other], tags=["eyes"])
    make_article("Unrelated", categories=[other], tags=["nose"])
    assert set(article.related_articles()) == {by_category, by_tag}


def test_related_articles_prefer_more_shared_topics_and_stop_at_three(
    clean_blog, make_article, category
):
    article = make_article("Main", categories=[category], tags=["eyes", "brow"])
    best = make_article("Shares three", categories=[category], tags=["eyes", "brow"], days_ago=9)
    for _ in range(4):
        make_article(categories=[category])
    related = article.related_articles()
    assert len(related) == 3
    assert related[0] == best
    assert article not in related


def test_related_articles_exclude_drafts(clean_blog, make_article, category):
    article = make_article("Main", categories=[category])
    make_article("Draft", categories=[category], live=False)
    assert article.related_articles() == []


def test_article_without_topics_has_no_related(clean_blog, make_article):
    assert make_article("Lonely").related_articles() == []


def test_previous_and_next_follow_publication_dates(clean_blog, make_article):
    older = make_article("Older", days_ago=10)
    middle = make_article("Middle", days_ago=5)
    newer = make_article("Newer", days_ago=1)
    make_article("Draft newest", live=False)
    assert middle.previous_article() == older
    assert middle.next_article() == newer
    assert newer.next_article() is None
    assert older.previous_article() is None


def test_article_page_shows_related_and_navigation(client, clean_blog, make_article, category):
    make_article("Older one", categories=[category], days_ago=3)
    article = make_article("Current", categories=[category], days_ago=1)
    html = client.get(article.url).content.decode()
    assert 'id="related-heading"' in html
    assert "Older one" in html
    assert 'rel="prev"' in html
