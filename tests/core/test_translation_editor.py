"""Content editors translate with wagtail-localize (docs/i18n.md, "For editors"):

- a page is a synced translation, edited segment by segment in the translation editor; a
  sync after an English edit updates what the editor offers, and the Spanish page changes
  only when someone publishes it from there;
- a health page (article, procedure) is a free copy, edited in the page editor and sent to
  Medical review like any edit;
- either way a new translation starts as a draft, never live with English words."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from blog.models import BlogPage
from core.demo_helpers import publish_child
from practice.models import ContentPage
from practice.roles import CONTENT_EDITORS, ensure_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, seeded, django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("writer", "writer@example.com", "pw")
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(user)
    return client


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def english_page(seeded):
    """A live English content page with no Spanish version yet."""
    return publish_child(
        seeded,
        ContentPage(title="Parking", slug="parking", intro="Where to park at each office."),
    )


def _untranslated_english_article():
    spanish_keys = BlogPage.objects.filter(locale__language_code="es").values("translation_key")
    return (
        BlogPage.objects.filter(locale__language_code="en")
        .exclude(translation_key__in=spanish_keys)
        .order_by("pk")
        .first()
    )


def _submit(editor, page, locale):
    response = editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    return type(page).objects.get(translation_key=page.translation_key, locale=locale)


def test_a_new_translation_of_a_live_page_starts_as_a_draft(
    editor, english_page, spanish, django_capture_on_commit_callbacks
):
    # wagtail-localize would publish it after the commit (English words under /es/), unless
    # WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is off.
    with django_capture_on_commit_callbacks(execute=True):
        draft = _submit(editor, english_page, spanish)
    draft.refresh_from_db()
    assert not draft.live
    assert Translation.objects.get(target_locale=spanish, source__object_id=draft.translation_key)


def test_a_sync_changes_what_the_editor_offers_not_the_spanish_page_until_published(
    editor, english_page, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = _submit(editor, english_page, spanish)
    translation = Translation.objects.get(source__object_id=draft.translation_key)
    editing = editor.get(f"/admin/pages/{draft.pk}/edit/")
    assert 'class="js-translation-editor"' in editing.content.decode()
    revision_before = draft.get_latest_revision().pk

    english_page.title = "Parking and drop-off"
    english_page.save_revision().publish()
    source = TranslationSource.objects.get(object_id=english_page.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        synced = editor.post(f"/admin/localize/update/{source.pk}/", {})
    assert synced.status_code == 302

    # The source is updated: the editor offers the new English title for translation...
    source.refresh_from_db()
    assert source.as_instance().title == "Parking and drop-off"
    assert "Parking and drop-off" in editor.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    # ...but the Spanish page has no new revision and is unchanged.
    draft.refresh_from_db()
    assert draft.get_latest_revision().pk == revision_before
    assert draft.title == "Parking" and not draft.live

    # The editor types each translation (saved as typed, in no revision)...
    segment = StringSegment.objects.get(source=source, context__path="title")
    typed = editor.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        "value=Estacionamiento+y+llegada",
        content_type="application/x-www-form-urlencoded",
    )
    assert typed.status_code in (200, 201)
    draft.refresh_from_db()
    assert draft.title == "Parking"
    # ...and only Publish in the translation editor writes them to the Spanish page.
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/pages/{draft.pk}/edit/", {"action": "publish"})
    draft.refresh_from_db()
    assert draft.title == "Estacionamiento y llegada" and draft.live


def test_an_article_translates_as_a_free_copy_for_medical_review(
    editor, spanish, django_capture_on_commit_callbacks
):
    article = _untranslated_english_article()
    with django_capture_on_commit_callbacks(execute=True):
        draft = _submit(editor, article, spanish)
    draft.refresh_from_db()
    assert not draft.live
    translation = Translation.objects.get(source__object_id=article.translation_key)
    assert not translation.enabled  # not synced: English edits do not reach it
    # It opens in the page editor, whose only way to the site is Medical review.
    html = editor.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'class="js-translation-editor"' not in html
    assert "Submit to Medical review" in html


def test_without_the_localize_permission_an_editor_cannot_submit(client, seeded, django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("nobody", "nobody@example.com", "pw")
    editors = Group.objects.get(name=CONTENT_EDITORS)
    editors.permissions.remove(*editors.permissions.filter(codename="submit_translation"))
    user.groups.add(editors)
    client.force_login(user)
    article = _untranslated_english_article()
    spanish = Locale.objects.get(language_code="es")
    response = client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [spanish.pk]})
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not BlogPage.objects.filter(translation_key=article.translation_key, locale=spanish)
