"""caching: what each change retires (asked without signals, and read against the
table in docs/caching.md), retiring once after the commit, the generation's life, and the
edge purged whole."""

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from blog.models import BlogPage
from caching import edge, generation, purge
from people.models import Author
from tests.caching.frontend_cache_backend import RecordingBackend

pytestmark = pytest.mark.django_db

DOC = Path(settings.BASE_DIR) / "docs" / "caching.md"
DRAFT_SAVE = ["latest_revision", "draft_title", "has_unpublished_changes"]


def table_rows():
    """(models cell, retires cell) of each row of the "What retires what" table."""
    text = DOC.read_text()
    section = text.split("## What retires what", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [tuple(cell.strip() for cell in row.strip("|").split("|"))[1:] for row in rows[1:]]


def labels(cell):
    return re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", cell)


@pytest.mark.parametrize("row", range(4))
def test_the_docs_table_says_what_decide_does(row):
    models_cell, retires = table_rows()[row]
    expected = purge.WHOLE_SITE if retires == "the whole site" else purge.NOTHING
    draft = "(draft)" in models_cell
    checked = 0
    for label in labels(models_cell):
        if "." not in label:  # a whole app: each of its models
            models = list(apps.get_app_config(label).get_models())
        else:
            models = [apps.get_model(label)]
        for model in models:
            update_fields = DRAFT_SAVE if draft else None
            assert purge.decide(model(), update_fields) == expected, (model, update_fields)
            checked += 1
    assert checked


def test_the_docs_name_every_model_that_retires_nothing():
    nothing_rows = [models for models, retires in table_rows() if retires == "nothing"]
    named = {label for cell in nothing_rows for label in labels(cell)} - {"blog.blogpage"}
    named -= {"practice.contentpage"}
    assert named == set(purge.NEVER_SHOWN)


def test_a_page_type_or_model_nobody_declared_retires_the_whole_site():
    # Correct by construction: a new model is never forgotten.
    for model in apps.get_models():
        if not purge.is_never_shown(model):
            assert purge.decide(model()) == purge.WHOLE_SITE, model


def test_a_publish_writes_more_than_draft_fields_and_retires(home):
    article = BlogPage.objects.live().first()
    assert purge.decide(article, ["live", "has_unpublished_changes"]) == purge.WHOLE_SITE
    assert purge.decide(article, DRAFT_SAVE) == purge.NOTHING


def test_many_changes_in_one_transaction_retire_once_after_the_commit(
    home, django_capture_on_commit_callbacks, monkeypatch
):
    delivered = []
    monkeypatch.setattr(purge, "deliver", lambda: delivered.append(1))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for author in Author.objects.all()[:3]:
            author.save()
    assert delivered == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert delivered == [1]


def test_a_rolled_back_change_never_stops_the_next_one_retiring(
    home, django_capture_on_commit_callbacks, monkeypatch
):
    from django.db import transaction

    delivered = []
    monkeypatch.setattr(purge, "deliver", lambda: delivered.append(1))
    with pytest.raises(RuntimeError), transaction.atomic():
        Author.objects.first().save()
        raise RuntimeError("the editor's request failed")
    with django_capture_on_commit_callbacks(execute=True):
        Author.objects.first().save()
    assert delivered == [1]


def test_a_change_starts_a_new_generation(home, django_capture_on_commit_callbacks):
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True):
        Author.objects.first().save()
    after = generation.current()
    assert after is not None and after.token != before.token


def test_a_booking_or_a_draft_keeps_the_generation(home, django_capture_on_commit_callbacks):
    before = generation.current()
    article = BlogPage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A draft nobody sees yet"
        article.save_revision()
    assert generation.current().token == before.token


def test_a_generation_ends_at_local_midnight_at_the_latest(home, settings):
    settings.PAGE_CACHE_GENERATION_TIMEOUT = 10 * 24 * 3600
    current = generation.current()
    midnight = generation.next_local_midnight().timestamp()
    assert current.valid_until <= midnight
    assert abs(current.valid_until - midnight) < 2 or current.valid_until < midnight


def test_a_generation_ends_at_the_next_article_expiry(home, settings):
    settings.PAGE_CACHE_GENERATION_TIMEOUT = 10 * 24 * 3600
    article = BlogPage.objects.live().first()
    soon = timezone.now() + datetime.timedelta(minutes=5)
    BlogPage.objects.filter(pk=article.pk).update(expire_at=soon)  # no signal: a moment
    cache.clear()
    assert abs(generation.current().valid_until - soon.timestamp()) < 1


def test_a_dst_day_still_ends_at_the_real_local_midnight(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    # 2026-11-01 is the day the clocks go back: 25 hours long.
    morning = datetime.datetime(2026, 11, 1, 8, 0, tzinfo=datetime.UTC)  # 01:00 PDT
    midnight = generation.next_local_midnight(morning)
    assert midnight == datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def proxy(settings):
    """An edge in front of the site; the URLs it was told to purge."""
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "tests.caching.frontend_cache_backend.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()


def test_a_change_purges_every_host_whole_at_the_edge(
    home, proxy, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    with django_capture_on_commit_callbacks(execute=True):
        Author.objects.first().save()
    roots = {site.root_url for site in Site.objects.all()}
    # Now, and once more from the task (run at once under the test settings).
    assert sorted(proxy) == sorted([root + "/*" for root in roots] * 2)


def test_without_an_edge_nothing_is_sent(home, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    RecordingBackend.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Author.objects.first().save()
    assert RecordingBackend.purged == []


def test_an_unreachable_edge_does_not_stop_a_publish(home, settings, monkeypatch):
    # A closed port: the purge fails fast, is logged, and the task retries (here at once,
    # with no waits between tries).
    monkeypatch.setattr(edge, "RETRY_DELAYS", ())
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "caching.edge.BanBackend",
            "LOCATION": "http://127.0.0.1:9/",
            "TIMEOUT": 0.5,
        }
    }
    with pytest.raises(edge.EdgeUnreachable):
        edge.purge_everything()
    # The publish's own path never raises: the retrying task records the failure itself.
    edge.purge_site()


def test_only_pages_with_cached_fragments_read_the_generation(
    client, seeded, superuser, settings, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = False  # every request renders
    reads = []
    real = generation.for_request
    monkeypatch.setattr(generation, "for_request", lambda r: reads.append(r.path) or real(r))
    client.force_login(superuser)
    assert client.get("/admin/pages/").status_code == 200
    assert reads == []  # the admin renders no {% wagtailcache %} fragment
    client.logout()
    assert client.get("/about/").status_code == 200
    assert "/about/" in reads  # the header and footer fragments vary on it
