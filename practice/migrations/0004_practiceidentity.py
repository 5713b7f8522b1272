import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0003_locales"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="PracticeIdentity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "name",
                    models.CharField(
                        help_text="The practice's name as visitors read it in the header, the "
                        "footer, page titles and emails.",
                        max_length=120,
                    ),
                ),
                (
                    "tagline",
                    models.CharField(
                        blank=True,
                        help_text="One short line under the name in the footer, e.g. what the "
                        "practice does and where.",
                        max_length=160,
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "practice name",
                "verbose_name_plural": "practice name",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
                "constraints": [
                    models.UniqueConstraint(
                        fields=("locale",), name="practice_identity_one_per_locale"
                    )
                ],
            },
        ),
    ]
