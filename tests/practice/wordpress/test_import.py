"""What the import makes of the fixture export: pages, statuses, people, topics, media, body
blocks, SEO fields and the medical review state."""

import pytest
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from medical_review.reviews import due_pages
from people.models import Author
from practice.models import ContentPage
from practice.wordpress.models import ImportedItem


def page_for(post_id):
    record = ImportedItem.objects.get(kind=ImportedItem.Kind.PAGE, key=str(post_id))
    return Page.objects.get(pk=record.object_id).specific


def body_html(page):
    return str(page.body.render_as_block())


@pytest.mark.django_db
class TestStatuses:
    def test_published_posts_are_live_articles_under_the_blog_with_their_dates(self, imported):
        article = page_for(11)
        assert isinstance(article, BlogPage)
        assert article.live
        assert article.get_parent().specific_class is BlogIndexPage
        assert article.date.isoformat() == "2024-03-05"
        assert article.first_published_at.isoformat().startswith("2024-03-05T16:00")

    def test_a_future_post_is_scheduled_for_its_date(self, imported):
        article = page_for(16)
        assert not article.live
        assert article.go_live_at.year == 2099
        assert article.latest_revision.approved_go_live_at == article.go_live_at

    @pytest.mark.parametrize("post_id", [17, 18], ids=["draft", "private"])
    def test_drafts_and_private_posts_are_never_public(self, imported, post_id):
        article = page_for(post_id)
        assert not article.live
        assert article.latest_revision is not None

    def test_a_password_post_is_live_behind_its_password(self, imported):
        article = page_for(19)
        restriction = PageViewRestriction.objects.get(page=article)
        assert article.live
        assert restriction.restriction_type == PageViewRestriction.PASSWORD
        assert restriction.password == "swan-lake-42"

    def test_trash_and_menu_items_are_not_imported(self, imported):
        assert not ImportedItem.objects.filter(key__in=["22", "40"]).exists()
        assert {
            "kind": "article",
            "id": 22,
            "title": "An old mistake",
            "reason": "in the trash",
        } in (imported["skipped"])

    def test_pages_keep_their_tree_shape(self, imported, home):
        parent, child = page_for(30), page_for(31)
        assert isinstance(parent, ContentPage) and isinstance(child, ContentPage)
        assert parent.get_parent().pk == home.pk
        assert child.get_parent().pk == parent.pk
        assert child.url == "/our-story/our-team/"

    def test_non_ascii_slugs_are_decoded(self, imported):
        assert page_for(20).slug == "ανάρρωση"
        assert page_for(21).slug == "recuperación-de-párpados"


@pytest.mark.django_db
class TestPeopleTopicsAndMedia:
    def test_authors_are_matched_by_login_with_their_display_names(self, imported):
        article = page_for(11)
        assert [a.author.name for a in article.article_authors.all()] == ["Dr. Juno Marlow"]
        assert Author.objects.filter(slug="office-team", name="The Office Team").exists()

    def test_categories_and_tags_keep_their_slugs(self, imported):
        article = page_for(11)
        assert [c.slug for c in article.categories.all()] == ["eyelid-care"]
        assert sorted(t.slug for t in article.tags.all()) == ["first-week", "swelling"]
        # A percent-encoded Spanish category gets an address the blog's listings can route.
        assert BlogCategory.objects.filter(name="Cirugía facial", slug="cirugia-facial").exists()
        assert Tag.objects.filter(name="First week", slug="first-week").exists()

    def test_the_featured_image_is_the_hero_with_its_alt_text(self, imported):
        article = page_for(11)
        assert article.hero_image.title == "compress"
        assert article.hero_alt == "A folded cloth beside a bowl of iced water"
        assert article.hero_caption == "Folded and chilled."

    def test_one_image_per_file_however_many_posts_use_it(self, imported):
        images = get_image_model().objects.filter(collection__name="WordPress import")
        # walk.jpg: a Gutenberg image (as walk-1024x683.jpg), a gallery and a Divi module.
        assert sorted(images.values_list("title", flat=True)) == ["compress", "pillows", "walk"]

    def test_a_missing_file_is_reported_and_its_post_still_imports(self, imported):
        assert imported["missing_media"] == [
            {
                "file": "2024/03/gone.jpg",
                "reason": "not in the uploads folder",
                "used_by": ["post 15"],
            }
        ]
        assert page_for(15).live

    def test_comments_are_counted_not_imported(self, imported):
        assert imported["comments_not_imported"] == 2


@pytest.mark.django_db
class TestBodies:
    def test_wpautop_text_becomes_paragraphs_headings_lists_and_quotes(self, imported):
        kinds = [block.block_type for block in page_for(11).body]
        assert kinds[0] == "paragraph"
        assert {"heading", "quote", "image"} <= set(kinds)
        first = page_for(11).body[0].value.source
        assert first.startswith("<p>Cool compresses calm the first days of swelling.<br/>")

    def test_caption_gallery_and_block_images_become_image_blocks_with_alt_and_caption(
        self, imported
    ):
        images = [b.value for b in page_for(11).body if b.block_type == "image"]
        assert images[0]["caption"] == "A clean cloth and iced water are all you need."
        assert images[0]["image"].contextual_alt_text.startswith("A folded cloth")
        assert [i["image"].title for i in images[1:]] == ["walk", "pillows"]  # the gallery
        gutenberg = [b.value for b in page_for(12).body if b.block_type == "image"]
        assert gutenberg[0]["caption"] == "Short walks help the swelling settle."

    def test_links_between_items_are_page_links_and_uploads_are_documents(self, imported):
        raw = str(page_for(11).body.raw_data)
        assert f'linktype="page" id="{page_for(12).pk}"' in raw
        assert 'linktype="document"' in raw
        assert f'linktype="page" id="{page_for(31).pk}"' in str(page_for(30).body.raw_data)

    def test_embeds_are_plain_links(self, imported):
        assert '<a href="https://www.youtube.com/watch?v=abcdefghijk">' in body_html(page_for(11))
        assert '<a href="https://vimeo.com/123456789">' in body_html(page_for(12))

    def test_divi_and_elementor_come_across_as_their_text_and_images(self, imported):
        divi = body_html(page_for(13))
        assert "Divi keeps the words inside its modules." in divi
        assert "Gentle walks" in divi and "Read our story" in divi
        elementor = page_for(14)
        assert [b.block_type for b in elementor.body][:3] == ["heading", "paragraph", "image"]
        assert "rendered copy" not in body_html(elementor)

    def test_no_raw_markup_or_hostile_code_reaches_a_page(self, imported, client):
        for post_id in (11, 12, 13, 14, 15):
            html = client.get(page_for(post_id).url).content.decode()
            main = html[html.index("<main") :]
            for banned in ("[et_pb", "[caption", "[gallery", "[contact-form", "<!-- wp:"):
                assert banned not in main
            for banned in ("injected", "onerror", "onclick", "javascript:", 'style="color'):
                assert banned not in main
        assert "We reply within a day [sic]." in body_html(page_for(15))

    def test_unmapped_markup_is_reported_per_post(self, imported):
        assert imported["unmapped"] == {
            "post 12 'Your first week plan'": ["block jetpack/contact-form", "block latest-posts"],
            "post 13 'Built with Divi'": ["shortcode [et_pb_countdown_timer]"],
            "post 14 'Built with Elementor'": ["elementor widget form"],
            "post 15 'Hostile markup'": ["shortcode [contact-form-7]"],
        }


@pytest.mark.django_db
class TestSeoAndReview:
    def test_yoast_title_and_description_show_in_the_head(self, imported, client):
        article = page_for(11)
        assert article.seo_title == "Cool compresses after eyelid surgery"
        html = client.get(article.url).content.decode()
        assert "<title>Cool compresses after eyelid surgery | " in html
        assert 'content="Ten minutes on, twenty off: using cool compresses safely' in html

    def test_the_excerpt_is_the_description_when_yoast_has_none(self, imported):
        assert page_for(11).lede.startswith("How to use cool compresses")
        assert page_for(11).search_description.startswith("Ten minutes on")
        assert page_for(13).search_description == ""  # nor excerpt: the lede describes it

    def test_noindex_and_canonical_show_in_the_head(self, imported, client):
        html = client.get(page_for(12).url).content.decode()
        assert '<meta name="robots" content="noindex">' in html
        assert '<link rel="canonical" href="https://partner.example/first-week/">' in html
        assert html.count('rel="canonical"') == 1
        sitemap = client.get("/sitemap.xml").content.decode()
        assert page_for(12).slug not in sitemap
        assert page_for(11).slug in sitemap

    def test_a_content_page_shows_its_canonical_and_noindex_too(self, imported, client):
        page = page_for(30)
        page.seo_noindex, page.seo_canonical = True, "https://example.org/story/"
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert '<meta name="robots" content="noindex">' in html
        assert '<link rel="canonical" href="https://example.org/story/">' in html

    def test_imported_articles_start_due_for_medical_review(self, imported, client):
        due = set(due_pages().values_list("pk", flat=True))
        assert {page_for(i).pk for i in (11, 12, 13, 14, 15, 20, 21)} <= due
        assert "Medically reviewed" not in client.get(page_for(11).url).content.decode()
