"""Authors and categories written before the site had locales are English."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel

from core.migration_helpers import require_applied


class Migration(migrations.Migration):
    # The English locale comes from practice 0003, which this named as a dependency until the
    # squash (an app's migrations name no app above its own since): a database that still
    # runs this is checked for it instead.
    dependencies = [
        ("blog", "0007_translatable_snippets_bootstrap"),
    ]

    operations = [
        require_applied(("practice", "0003_locales")),
        BootstrapTranslatableModel("blog.Author", "en"),
        BootstrapTranslatableModel("blog.BlogCategory", "en"),
    ]
