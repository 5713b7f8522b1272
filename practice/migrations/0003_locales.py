"""The site's two content locales: English (the default) and Spanish.

Wagtail's own migrations create one locale from LANGUAGE_CODE; a database migrated while
that was "en-us" has that one instead, which becomes "en" here.
"""

from django.db import migrations

LANGUAGES = ("en", "es")


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code="en-us").update(language_code="en")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0002_medical_review"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
