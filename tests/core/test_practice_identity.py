"""The practice's name and tagline per language: a translatable snippet (PracticeIdentity)
shown in the header, footer, <title>, JSON-LD and emails of each language, translated with
wagtail-localize, and shown at once when edited, cached pages or not."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Locale

from consultations import notifications
from consultations.models import ConsultationRequest, Notification
from core.site_settings import PracticeIdentity, PracticeSettings
from practice.roles import CONTENT_EDITORS, ensure_roles

pytestmark = pytest.mark.django_db

ENGLISH_NAME = "Wilshire Facial Plastic Surgery"
SPANISH_NAME = "Wilshire Cirugía Plástica Facial"
SPANISH_TAGLINE = "Cirugía plástica facial en Beverly Hills y Santa Mónica"


def logo(html):
    return re.search(r'class="site-logo" href="[^"]*">([^<]*)<', html).group(1)


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def footer(html):
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


def test_spanish_pages_name_the_practice_in_spanish(client, seeded):
    html = client.get("/es/").content.decode()
    assert logo(html) == SPANISH_NAME
    assert title(html).endswith(f"| {SPANISH_NAME}")
    assert SPANISH_NAME in footer(html) and SPANISH_TAGLINE in footer(html)
    # The organisation in the home page's structured data.
    assert f'"name": "{SPANISH_NAME}"' in html
    assert ENGLISH_NAME not in html


def test_english_pages_keep_the_english_name(client, seeded):
    html = client.get("/").content.decode()
    assert logo(html) == ENGLISH_NAME
    assert title(html).endswith(f"| {ENGLISH_NAME}")
    assert "Facial plastic surgery in Beverly Hills and Santa Monica" in footer(html)
    assert SPANISH_NAME not in html


def test_a_language_with_no_name_of_its_own_shows_the_default_one(client, seeded):
    PracticeIdentity.objects.filter(locale__language_code="es").delete()
    assert logo(client.get("/es/").content.decode()) == ENGLISH_NAME


def test_the_settings_and_emails_read_the_name_in_their_language(seeded):
    with translation.override("en"):
        assert PracticeSettings.objects.get().practice_name == ENGLISH_NAME
    with translation.override("es"):
        assert PracticeSettings.objects.get().tagline == SPANISH_TAGLINE
    booking = ConsultationRequest.objects.exclude(starts_at=None).order_by("pk").first()
    booking.language = "es"
    booking.save(update_fields=["language"])
    notification = Notification(request=booking, kind=Notification.Kind.VISITOR_CONFIRMATION)
    message = notifications.build_email(notification)
    assert SPANISH_NAME in message.body
    assert ENGLISH_NAME not in message.body
    calendar = next(a for a in message.attachments if a[0].endswith(".ics"))[1]
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert f"Consulta con {SPANISH_NAME}" in calendar.replace("\r\n ", "")


@pytest.mark.parametrize("page_cache_on", [False, True], ids=["page-cache-off", "page-cache-on"])
def test_an_edited_name_shows_on_the_next_response(
    client, seeded, settings, page_cache_on, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = page_cache_on
    for path in ("/es/", "/es/sobre-nosotros/", "/"):
        client.get(path)
        client.get(path)  # cached now: the page, the chrome and the settings
    spanish = PracticeIdentity.objects.get(locale__language_code="es")
    spanish.name = "Clínica Wilshire"
    spanish.tagline = "Cirugía facial con calma"
    with django_capture_on_commit_callbacks(execute=True):
        spanish.save()
    for path in ("/es/", "/es/sobre-nosotros/"):
        html = client.get(path).content.decode()
        assert logo(html) == "Clínica Wilshire"
        assert title(html).endswith("| Clínica Wilshire")
        assert "Cirugía facial con calma" in footer(html)
    assert logo(client.get("/").content.decode()) == ENGLISH_NAME


def test_a_second_name_in_one_language_is_a_form_error(admin_client_logged_in, seeded):
    english = Locale.objects.get(language_code="en")
    response = admin_client_logged_in.post(
        f"/admin/snippets/core/practiceidentity/add/?locale={english.language_code}",
        {"name": "Another practice", "tagline": ""},
    )
    assert response.status_code == 200
    assert "already has a name in this language" in response.content.decode()
    assert PracticeIdentity.objects.filter(locale=english).count() == 1


def test_an_editor_translates_the_name_with_wagtail_localize(client, seeded, django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("translator", "t@example.com", "pw")
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(user)
    PracticeIdentity.objects.filter(locale__language_code="es").delete()
    english = PracticeIdentity.objects.get(locale__language_code="en")
    spanish_locale = Locale.objects.get(language_code="es")

    submitted = client.post(
        f"/admin/localize/submit/snippet/core/practiceidentity/{english.pk}/",
        {"locales": [spanish_locale.pk]},
    )
    assert submitted.status_code == 302
    spanish = PracticeIdentity.objects.get(locale=spanish_locale)
    assert spanish.translation_key == english.translation_key
    # It opens in the translation editor, segment by segment.
    editing = client.get(f"/admin/snippets/core/practiceidentity/edit/{spanish.pk}/")
    assert editing.status_code == 200
    assert 'class="js-translation-editor"' in editing.content.decode()
