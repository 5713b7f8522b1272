"""Running the import again, as a dry run, and what it reports."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Count
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from blog.models import BlogCategory
from people.models import Author
from practice.wordpress import pages
from practice.wordpress.models import ImportedItem
from tests.practice.wordpress.conftest import EXPORT
from tests.practice.wordpress.test_import import page_for


def snapshot():
    """What an import could change, counted."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "authors": Author.objects.count(),
        "categories": BlogCategory.objects.count(),
        "records": ImportedItem.objects.count(),
        "live": Page.objects.live().count(),
    }


@pytest.mark.django_db
def test_a_second_run_changes_nothing_and_adds_no_revision(imported, uploads, run_import):
    before = snapshot()
    _, report = run_import(EXPORT, uploads)
    assert snapshot() == before
    for kind, counts in report["counts"].items():
        assert counts["created"] == 0, kind
        assert counts["updated"] == 0, kind
    assert report["counts"]["article"]["unchanged"] == 11
    assert report["counts"]["page"]["unchanged"] == 2


@pytest.mark.django_db
def test_a_changed_item_is_updated_with_one_new_revision(imported, uploads, run_import, tmp_path):
    changed = tmp_path / "changed.xml"
    changed.write_text(
        EXPORT.read_text().replace(
            "Use them for ten minutes at a time", "Use them for fifteen minutes at a time"
        )
    )
    article = page_for(11)
    revisions = article.revisions.count()
    _, report = run_import(changed, uploads)
    assert report["counts"]["article"]["updated"] == 1
    assert report["counts"]["article"]["unchanged"] == 10
    article.refresh_from_db()
    assert article.revisions.count() == revisions + 1
    assert "fifteen minutes" in str(article.body.raw_data)
    assert article.live


@pytest.mark.django_db
def test_a_dry_run_changes_nothing_and_prints_the_same_report(seeded, uploads, run_import):
    before = snapshot()
    printed, report = run_import(EXPORT, uploads, dry_run=True)
    assert snapshot() == before
    assert printed.startswith("DRY RUN: nothing was saved.")
    assert report["dry_run"] is True
    assert report["counts"]["article"]["created"] == 11
    assert report["missing_media"][0]["file"] == "2024/03/gone.jpg"


@pytest.mark.django_db
def test_the_report_is_printed_and_written_as_json(seeded, uploads, run_import):
    printed, report = run_import(EXPORT, uploads)
    assert report["counts"]["article"] == {
        "created": 11, "updated": 0, "unchanged": 0, "skipped": 1
    }  # fmt: skip
    assert report["counts"]["page"]["created"] == 2
    assert report["counts"]["image"]["created"] == 3
    assert report["counts"]["document"]["created"] == 1
    assert report["counts"]["author"]["created"] == 2
    assert report["counts"]["redirect"]["created"] > 20
    assert report["errors"] == []
    assert "2024/03/gone.jpg: not in the uploads folder (used by post 15)" in printed
    assert "post 15 'Hostile markup': shortcode [contact-form-7]" in printed
    assert "Comments not imported: 2" in printed
    assert "Report written to " in printed


@pytest.mark.django_db
def test_without_the_uploads_folder_every_file_is_reported_missing(seeded, run_import):
    _, report = run_import(EXPORT)
    missing = {entry["file"] for entry in report["missing_media"]}
    assert {"2024/03/compress.jpg", "2024/03/walk.jpg", "2024/03/aftercare-sheet.pdf"} <= missing
    assert report["counts"]["article"]["created"] == 11


@pytest.mark.django_db
def test_the_spanish_edition_is_untouched(seeded, uploads, run_import):
    spanish = Page.objects.filter(locale__language_code="es")
    before = list(
        spanish.annotate(revisions=Count("_revisions")).values_list(
            "pk", "live", "latest_revision_id", "revisions"
        )
    )
    run_import(EXPORT, uploads)
    after = list(
        spanish.annotate(revisions=Count("_revisions")).values_list(
            "pk", "live", "latest_revision_id", "revisions"
        )
    )
    assert after == before


@pytest.mark.django_db
def test_a_bad_item_is_reported_and_the_rest_imports(seeded, uploads, run_import, monkeypatch):
    write = pages.write

    def refuse_divi(item_id, *args, **kwargs):
        if item_id == 13:
            raise ValidationError({"slug": ["This slug is already in use"]})
        return write(item_id, *args, **kwargs)

    monkeypatch.setattr(pages, "write", refuse_divi)
    _, report = run_import(EXPORT, uploads)
    assert report["errors"] == [
        {"item": "post 13 'Built with Divi'", "error": "This slug is already in use"}
    ]
    assert report["counts"]["article"]["created"] == 10
    assert not ImportedItem.objects.filter(key="13").exists()


@pytest.mark.django_db
def test_progress_is_shown(seeded, uploads, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    err = io.StringIO()
    call_command(
        "import_wordpress", str(EXPORT), "--media", str(uploads), stderr=err, stdout=io.StringIO()
    )
    assert "14/14 posts and pages" in err.getvalue()
