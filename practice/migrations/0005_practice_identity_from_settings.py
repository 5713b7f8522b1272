"""The practice's name and tagline move from the site settings (one per site, untranslatable)
to PracticeIdentity (one per language): the default site's values become the default
language's row. Backwards, every site's settings get the default language's words again."""

import uuid

from django.conf import settings
from django.db import migrations


def default_locale(Locale):
    return (
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        or Locale.objects.order_by("pk").first()
    )


def settings_in_order(PracticeSettings):
    # The default site's first: its name is the one the default language keeps.
    return PracticeSettings.objects.order_by("-site__is_default_site", "pk")


def to_identity(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    PracticeSettings = apps.get_model("practice", "PracticeSettings")
    PracticeIdentity = apps.get_model("practice", "PracticeIdentity")
    source = settings_in_order(PracticeSettings).first()
    locale = default_locale(Locale)
    if source is None or locale is None or PracticeIdentity.objects.filter(locale=locale).exists():
        return
    PracticeIdentity.objects.create(
        translation_key=uuid.uuid4(),
        locale=locale,
        name=source.practice_name,
        tagline=source.tagline,
    )


def to_settings(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    PracticeSettings = apps.get_model("practice", "PracticeSettings")
    PracticeIdentity = apps.get_model("practice", "PracticeIdentity")
    identity = PracticeIdentity.objects.filter(locale=default_locale(Locale)).first()
    if identity is not None:
        PracticeSettings.objects.update(
            practice_name=identity.name[:120], tagline=identity.tagline[:160]
        )


class Migration(migrations.Migration):
    dependencies = [("practice", "0004_practiceidentity")]

    operations = [migrations.RunPython(to_identity, to_settings)]
