"""Article body blocks: the image block's alt text and markup, the call to action's link,
and the demo articles that use them."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from blog.blocks import ArticleStreamBlock
from blog.models import BlogPage
from core.site_settings import PracticeSettings
from practice.models import ContentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered")]


def image_block():
    return ArticleStreamBlock().child_blocks["image"]


def image_value(image, alt="", decorative=False, caption=""):
    return image_block().to_python(
        {
            "image": {"image": image.pk, "alt_text": alt, "decorative": decorative},
            "caption": caption,
        }
    )


def test_image_block_refuses_an_image_without_alt_text(hero_image):
    with pytest.raises(ValidationError) as error:
        image_block().clean(image_value(hero_image, alt=""))
    alt_error = error.value.block_errors["image"].block_errors["alt_text"]
    assert "alt text" in " ".join(alt_error.messages).lower()


def test_image_block_accepts_a_decorative_image_without_alt_text(hero_image):
    value = image_block().clean(image_value(hero_image, decorative=True))
    assert value["image"].decorative


def test_image_block_accepts_alt_text(hero_image):
    value = image_block().clean(image_value(hero_image, alt="A quiet recovery room"))
    assert value["image"].contextual_alt_text == "A quiet recovery room"


def figure_html(client, make_article, hero_image, **image):
    body = [
        {"type": "paragraph", "value": "<p>Before the figure.</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": hero_image.pk, "alt_text": "", "decorative": False, **image},
                "caption": "A caption under the figure",
            },
        },
    ]
    html = client.get(make_article(body=body).url).content.decode()
    return re.search(r'<figure class="figure">(.*?)</figure>', html, re.S).group(1)


def test_image_block_renders_a_responsive_lazy_picture_with_its_alt_text(
    client, make_article, hero_image
):
    figure = figure_html(client, make_article, hero_image, alt_text="A calm abstract image")
    assert "<picture>" in figure
    assert re.search(r'<source[^>]+srcset="[^"]+ \d+w[^"]*"[^>]+type="image/webp"', figure)
    img = re.search(r"<img [^>]+>", figure).group(0)
    assert 'alt="A calm abstract image"' in img
    assert re.search(r'width="\d+"', img)
    assert re.search(r'height="\d+"', img)
    assert 'loading="lazy"' in img
    assert 'srcset="' in img
    assert "<figcaption>A caption under the figure</figcaption>" in figure


def test_decorative_image_renders_with_empty_alt(client, make_article, hero_image):
    figure = figure_html(client, make_article, hero_image, decorative=True, alt_text="ignored")
    assert 'alt=""' in re.search(r"<img [^>]+>", figure).group(0)


def practice_settings():
    return PracticeSettings.for_site(Site.objects.get(is_default_site=True))


def cta_href(client, make_article, page=None):
    body = [
        {
            "type": "call_to_action",
            "value": {
                "heading": "Talk to us",
                "text": "",
                "button_label": "Book a consultation",
                "page": page.pk if page else None,
            },
        }
    ]
    html = client.get(make_article(body=body).url).content.decode()
    return re.search(r'<aside class="cta".*?<a class="button[^"]*" href="([^"]+)"', html, re.S)[1]


def test_call_to_action_links_to_the_booking_page_by_default(client, make_article, home):
    booking_page = practice_settings().booking_page
    assert booking_page is not None
    # The link names the article it starts from (the "where bookings start" report).
    href, _, query = cta_href(client, make_article).partition("?")
    assert href == booking_page.url
    assert query.startswith("source=")


def test_call_to_action_follows_the_booking_page_setting(client, make_article, home):
    other = ContentPage.objects.live().first()
    settings = practice_settings()
    settings.booking_page = other
    settings.save()
    assert cta_href(client, make_article).partition("?")[0] == other.url


def test_call_to_action_can_link_elsewhere(client, make_article, home):
    about = ContentPage.objects.live().first()
    assert cta_href(client, make_article, page=about) == about.url


def test_some_demo_articles_have_described_figures(client, blog_index):
    with_figures = [
        article
        for article in BlogPage.objects.child_of(blog_index).live()
        if any(block.block_type == "image" for block in article.body)
    ]
    assert len(with_figures) >= 2
    for article in with_figures:
        for block in article.body:
            if block.block_type == "image":
                image = block.value["image"]
                assert image.decorative or image.contextual_alt_text, article.slug
    html = client.get(with_figures[0].url).content.decode()
    assert '<figure class="figure">' in html
