"""WordPress markup as clean HTML: paragraphs, shortcodes, blocks, page builders, sanitising."""

import json

from practice.wordpress import markup
from practice.wordpress.wxr import Item


def convert(content, attachments=None, **meta):
    item = Item(id=1, post_type="post", status="publish", content=content, meta=meta)
    return markup.convert(item, attachments or {})


def test_wpautop_makes_paragraphs_and_line_breaks():
    html = markup.wpautop("First line\nsecond line\n\nNext paragraph\n<ul>\n<li>item</li>\n</ul>")
    assert "<p>First line<br>\nsecond line</p>" in html
    assert "<p>Next paragraph</p>" in html
    assert "<p><ul>" not in html and "<ul>" in html


def test_a_caption_becomes_a_figure_with_its_caption():
    result = convert(
        '[caption id="a"]<img src="/wp-content/uploads/a.jpg" alt="A"> Words.[/caption]'
    )
    assert '<figure><img src="/wp-content/uploads/a.jpg" alt="A">' in result.html
    assert "<figcaption>Words.</figcaption>" in result.html


def test_a_gallery_becomes_its_images():
    result = convert('[gallery ids="7, 8"]', {7: "/u/7.jpg", 8: "/u/8.jpg"})
    assert result.html.count("<img") == 2
    assert 'data-attachment-id="8"' in result.html


def test_unknown_gutenberg_blocks_are_dropped_and_named():
    content = (
        "<!-- wp:paragraph --><p>Kept.</p><!-- /wp:paragraph -->"
        '<!-- wp:acme/signup {"list":1} --><div>Sign up now</div><!-- /wp:acme/signup -->'
        "<!-- wp:latest-posts /-->"
    )
    result = convert(content)
    assert "Kept." in result.html
    assert "Sign up" not in result.html and "wp:" not in result.html
    assert result.unmapped == ["block acme/signup", "block latest-posts"]


def test_embeds_become_plain_links():
    content = (
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x1"} --><figure>'
        "https://www.youtube.com/watch?v=x1</figure><!-- /wp:embed -->"
    )
    assert '<a href="https://www.youtube.com/watch?v=x1">' in convert(content).html
    bare = convert("Watch this:\n\nhttps://vimeo.com/42\n\nThanks.").html
    assert '<a href="https://vimeo.com/42">' in bare
    assert "<iframe" not in bare


def test_divi_keeps_the_text_and_images_inside_its_modules():
    content = (
        '[et_pb_section][et_pb_row][et_pb_column][et_pb_text admin_label="x"]<p>Inside.</p>'
        '[/et_pb_text][et_pb_image src="/wp-content/uploads/d.jpg" alt="D"][/et_pb_image]'
        "[et_pb_signup_form /][/et_pb_column][/et_pb_row][/et_pb_section]"
    )
    result = convert(content)
    assert "<p>Inside.</p>" in result.html
    assert 'alt="D"' in result.html
    assert "[" not in result.html
    assert result.unmapped == ["shortcode [et_pb_signup_form]"]


def test_elementor_data_replaces_the_rendered_copy():
    data = [
        {
            "elType": "widget",
            "widgetType": "heading",
            "settings": {"title": "Title here", "header_size": "h3"},
        },
        {"elType": "widget", "widgetType": "text-editor", "settings": {"editor": "Body text"}},
        {"elType": "widget", "widgetType": "slides", "settings": {}},
    ]
    result = convert(
        "<div>rendered copy</div>",
        _elementor_edit_mode="builder",
        _elementor_data=json.dumps(data),
    )
    assert "<h3>Title here</h3>" in result.html
    assert "<p>Body text</p>" in result.html
    assert "rendered copy" not in result.html
    assert result.unmapped == ["elementor widget slides"]


def test_unknown_shortcodes_are_dropped_but_bracketed_words_stay():
    result = convert('Hello [contact-form-7 id="3"] and [sic] [newsletter]Join[/newsletter].')
    assert "contact-form" not in result.html and "Join" not in result.html
    assert "[sic]" in result.html
    assert result.unmapped == ["shortcode [contact-form-7]", "shortcode [newsletter]"]


def test_hostile_markup_is_sanitised():
    html = convert(
        '<p style="color:red" onclick="x()">Hi</p><script>alert(1)</script>'
        '<img src="/a.jpg" onerror="alert(1)"><a href="javascript:alert(1)">label</a>'
        '<iframe src="https://evil.example"></iframe>'
    ).html
    for banned in ("style=", "onclick", "<script", "alert", "onerror", "javascript:", "iframe"):
        assert banned not in html
    assert "Hi" in html and "label" in html
