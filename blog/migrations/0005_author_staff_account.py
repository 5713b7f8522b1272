import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_blogpage_procedures"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="user",
            field=models.OneToOneField(
                blank=True,
                help_text="For physicians: their admin account. Their approvals of articles and procedure pages name this profile as the medical reviewer.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="author_profile",
                to=settings.AUTH_USER_MODEL,
                verbose_name="staff account",
            ),
        ),
        migrations.AddField(
            model_name="author",
            name="weekly_review_digest",
            field=models.BooleanField(
                default=False,
                help_text="Email the linked account a weekly list of pages awaiting or due for medical review (titles and admin links only).",
            ),
        ),
    ]
