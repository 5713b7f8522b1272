"""Content editors translate articles with wagtail-localize: submit an English article for
Spanish, open the translation editor, and sync the Spanish draft after an English edit."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from blog.models import BlogPage
from practice.roles import CONTENT_EDITORS, ensure_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, seeded, django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("writer", "writer@example.com", "pw")
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(user)
    return client


def _untranslated_english_article():
    spanish_keys = BlogPage.objects.filter(locale__language_code="es").values("translation_key")
    return (
        BlogPage.objects.filter(locale__language_code="en")
        .exclude(translation_key__in=spanish_keys)
        .order_by("pk")
        .first()
    )


def test_an_editor_translates_an_article_and_syncs_an_english_edit(editor):
    article = _untranslated_english_article()
    spanish = Locale.objects.get(language_code="es")

    submitted = editor.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [spanish.pk]})
    assert submitted.status_code == 302
    draft = BlogPage.objects.get(translation_key=article.translation_key, locale=spanish)
    assert not draft.live

    # The synced translation opens in wagtail-localize's translation editor.
    editing = editor.get(f"/admin/pages/{draft.pk}/edit/")
    assert editing.status_code == 200
    translations = Translation.objects.filter(source__object_id=article.translation_key)
    assert translations.filter(target_locale=spanish).exists()

    article.title = "A title the editor changed in English"
    article.save_revision().publish()
    source = TranslationSource.objects.get(object_id=article.translation_key)
    synced = editor.post(f"/admin/localize/update/{source.pk}/", {})
    assert synced.status_code == 302
    # Syncing (without publishing) updates the source: the editor now offers the new
    # English title for translation in the Spanish draft.
    source.refresh_from_db()
    assert source.as_instance().title == "A title the editor changed in English"
    editing = editor.get(f"/admin/pages/{draft.pk}/edit/")
    assert "A title the editor changed in English" in editing.content.decode()


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
