import json
import re

import pytest

from blog.models import BlogPage
from people.models import Author

pytestmark = pytest.mark.django_db


def jsonld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def types(block):
    kind = block["@type"]
    return kind if isinstance(kind, list) else [kind]


def by_type(blocks, kind):
    return next(block for block in blocks if kind in types(block))


@pytest.fixture
def faq_article(blog_index, make_article, approve):
    surgeon = Author.objects.get(locale__language_code="en", slug="adrian-vale")
    body = [
        {"type": "paragraph", "value": "<p>Intro </script><b>text</b></p>"},
        {
            "type": "faq",
            "value": {
                "heading": "Questions",
                "questions": [
                    {"question": "Does it hurt?", "answer": "<p>Very little.</p>"},
                    {"question": "How long?", "answer": "<p>About an hour.</p>"},
                ],
            },
        },
    ]
    article = make_article("FAQ </script> article", body=body, authors=[surgeon])
    approve(article, surgeon)
    return article


def test_article_has_blog_posting_with_required_keys(client, faq_article):
    blocks = jsonld_blocks(client.get(faq_article.url).content.decode())
    posting = by_type(blocks, "BlogPosting")
    for key in ("headline", "author", "datePublished", "dateModified", "image", "publisher"):
        assert posting[key], key
    assert posting["headline"] == "FAQ </script> article"  # escaped in HTML, intact in JSON
    assert posting["image"].startswith("http://testserver/")
    assert posting["publisher"]["@type"] == "MedicalOrganization"


def test_physician_author_is_described_as_physician(client, faq_article):
    posting = by_type(jsonld_blocks(client.get(faq_article.url).content.decode()), "BlogPosting")
    author = posting["author"][0]
    # schema.org's Physician is a doctor's office; the practitioner is an IndividualPhysician,
    # and as a Person too so that honorificSuffix and jobTitle are valid on it.
    assert author["@type"] == ["Person", "IndividualPhysician"]
    assert author["medicalSpecialty"] == "https://schema.org/PlasticSurgery"
    assert author["honorificSuffix"]
    assert author["jobTitle"]
    assert posting["reviewedBy"]["@type"] == ["Person", "IndividualPhysician"]


def test_non_physician_author_is_a_person(client, blog_index, make_article):
    nurse = Author.objects.get(locale__language_code="en", slug="nora-castillo")
    article = make_article(authors=[nurse])
    posting = by_type(jsonld_blocks(client.get(article.url).content.decode()), "BlogPosting")
    assert posting["author"][0]["@type"] == "Person"
    assert "medicalSpecialty" not in posting["author"][0]


def test_author_profile_describes_the_surgeon_as_physician(client, blog_index):
    html = client.get("/blog/author/adrian-vale/").content.decode()
    physician = by_type(jsonld_blocks(html), "IndividualPhysician")
    assert "Person" in types(physician)
    assert physician["medicalSpecialty"] == "https://schema.org/PlasticSurgery"
    assert physician["@context"] == "https://schema.org"


def test_faq_block_adds_faq_page_jsonld(client, faq_article):
    faq = by_type(jsonld_blocks(client.get(faq_article.url).content.decode()), "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == ["Does it hurt?", "How long?"]
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == "<p>Very little.</p>"


def test_article_without_faq_has_no_faq_page(client, blog_index, make_article):
    blocks = jsonld_blocks(client.get(make_article().url).content.decode())
    assert all(block["@type"] != "FAQPage" for block in blocks)


def test_breadcrumb_list_runs_from_home_to_article(client, faq_article):
    crumbs = by_type(jsonld_blocks(client.get(faq_article.url).content.decode()), "BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Home", "Journal", faq_article.title]
    assert crumbs["itemListElement"][-1]["item"] == f"http://testserver{faq_article.url}"


def test_article_has_meta_canonical_and_social_tags(client, blog_index, make_article):
    article = make_article("Social article")
    html = client.get(article.url).content.decode()
    assert f'<meta name="description" content="{article.lede}">' in html
    assert f'<link rel="canonical" href="http://testserver{article.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_search_description_overrides_the_lede(client, blog_index, make_article):
    article = make_article(search_description="Custom description.")
    assert (
        '<meta name="description" content="Custom description.">'
        in client.get(article.url).content.decode()
    )


def test_article_page_shows_review_authors_and_reading_time(client, faq_article):
    html = client.get(faq_article.url).content.decode()
    assert "Medically reviewed by" in html
    assert "min read" in html
    assert 'class="author-box"' in html
    assert 'aria-label="Breadcrumb"' in html
    assert html.count("<h1") == 1


def test_hero_is_eager_and_responsive(client, blog_index):
    article = BlogPage.objects.live().first()
    html = client.get(article.url).content.decode()
    hero = re.search(r'<figure class="article__hero">(.*?)</figure>', html, re.S).group(1)
    assert 'type="image/webp"' in hero
    assert 'loading="eager"' in hero
    assert re.search(r'width="\d+"', hero)
    assert re.search(r'height="\d+"', hero)


def test_listing_cards_below_the_fold_load_lazily(client, blog_index):
    html = client.get("/blog/").content.decode()
    assert html.count('loading="lazy"') >= 9


def test_listing_pages_have_canonical_with_page_number(client, blog_index, make_article):
    html = client.get("/blog/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/blog/?page=2">' in html
    category = client.get("/blog/category/surgery/").content.decode()
    assert '<link rel="canonical" href="http://testserver/blog/category/surgery/">' in category


def test_date_modified_is_never_before_date_published(client, blog_index, make_article):
    # Dated by its editor to a day after it was published.
    article = make_article("Dated ahead", days_ago=-5)
    posting = by_type(jsonld_blocks(client.get(article.url).content.decode()), "BlogPosting")
    assert posting["datePublished"] == article.date.isoformat()
    assert posting["dateModified"] == article.date.isoformat()


def test_date_modified_follows_a_later_publish(client, blog_index, make_article):
    import datetime

    from django.utils import timezone

    article = make_article("Revised later", days_ago=30)
    BlogPage.objects.filter(pk=article.pk).update(last_published_at=timezone.now())
    posting = by_type(jsonld_blocks(client.get(article.url).content.decode()), "BlogPosting")
    assert posting["datePublished"] == (timezone.localdate() - datetime.timedelta(30)).isoformat()
    assert posting["dateModified"] == timezone.localdate().isoformat()
