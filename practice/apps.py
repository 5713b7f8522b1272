from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from wagtail.models import ReferenceIndex, Site

        from practice.caching import receivers, register_site_wide
        from practice.site_settings import PracticeIdentity, PracticeSettings

        # Sites (their names, ports and root pages) shape every URL on every page; the
        # practice's name is in every page's header, footer and title.
        register_site_wide(Site, PracticeIdentity)
        # Wagtail's reference index leaves settings out: indexed, an edit to the share image
        # finds the settings that show it (and purges every page), and the image's usage
        # screen lists them. Existing rows: `manage.py rebuild_references_index` once.
        ReferenceIndex.register_model(PracticeSettings)
        receivers.connect()
