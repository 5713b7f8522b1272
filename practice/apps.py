from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from wagtail.models import ReferenceIndex

        from practice.caching import receivers
        from practice.site_settings import PracticeSettings

        # Wagtail's reference index leaves settings out: indexed, the image's usage screen
        # lists the settings that show it. Existing rows: `manage.py rebuild_references_index`.
        ReferenceIndex.register_model(PracticeSettings)
        receivers.connect()
