from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site core"

    def ready(self):
        from wagtail.models import ReferenceIndex

        from core.site_settings import PracticeSettings

        # Wagtail's reference index leaves settings out: indexed, the image's usage screen
        # lists the settings that show it. Existing rows: `manage.py rebuild_references_index`.
        ReferenceIndex.register_model(PracticeSettings)
