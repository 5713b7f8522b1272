"""Authors and categories written before the site had locales are English."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_translatable_snippets_bootstrap"),
        ("practice", "0003_locales"),
    ]

    operations = [
        BootstrapTranslatableModel("blog.Author", "en"),
        BootstrapTranslatableModel("blog.BlogCategory", "en"),
    ]
