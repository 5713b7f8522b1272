"""Reading the export: both namespace spellings, and exports that must be refused."""

import pytest
from django.core.management import CommandError, call_command

from practice.wordpress import wxr
from tests.practice.wordpress.conftest import EXPORT, EXPORT_WXR11

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>&g;</title></item></channel></rss>
"""


def records(path, kind):
    return [record for record in wxr.read(path) if isinstance(record, kind)]


@pytest.mark.parametrize("export", [EXPORT, EXPORT_WXR11], ids=["https-1.2", "http-1.1"])
def test_both_namespace_spellings_are_read(export):
    items = records(export, wxr.Item)
    post = next(item for item in items if item.post_type == "post")
    assert post.status == "publish"
    assert post.content.strip()
    assert post.excerpt or post.id == 12
    assert post.date is not None
    assert records(export, wxr.Author)[0].display_name == "Dr. Juno Marlow"


def test_an_item_carries_its_terms_meta_and_approved_comments():
    post = next(item for item in records(EXPORT, wxr.Item) if item.id == 11)
    assert post.categories == [("eyelid-care", "Eyelid care")]
    assert ("swelling", "Swelling") in post.tags
    assert post.meta["_thumbnail_id"] == "101"
    assert post.comments == 2  # the spam comment is not counted
    assert post.creator == "jmarlow"


def test_the_site_is_announced_first_with_its_addresses():
    first = next(iter(wxr.read(EXPORT)))
    assert isinstance(first, wxr.Site)
    assert first.title == "Old Practice Journal"
    assert "https://oldpractice.example" in first.base_urls


def test_an_entity_expansion_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BOMB)
    with pytest.raises(wxr.ExportError, match="entities"):
        list(wxr.read(bomb))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<rss><channel><title>cut short", "not well-formed"),
        ("<html><body>a web page</body></html>", "not a WordPress export"),
        ("<rss><channel><item><title>x</title></item></channel></rss>", "no <wp:wxr_version>"),
    ],
)
def test_an_unreadable_export_is_one_clear_line(tmp_path, content, message):
    export = tmp_path / "export.xml"
    export.write_text(content)
    with pytest.raises(CommandError, match=message) as raised:
        call_command("import_wordpress", str(export))
    assert "\n" not in str(raised.value)


def test_a_missing_export_is_one_clear_line(tmp_path):
    with pytest.raises(CommandError, match="cannot read the export"):
        call_command("import_wordpress", str(tmp_path / "nowhere.xml"))


def test_the_bomb_is_refused_by_the_command(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BOMB)
    with pytest.raises(CommandError, match="refused"):
        call_command("import_wordpress", str(bomb))
