from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from wagtail.models import Site

        from practice.caching import receivers, register_site_wide
        from practice.site_settings import PracticeIdentity

        # Sites (their names, ports and root pages) shape every URL on every page; the
        # practice's name is in every page's header, footer and title.
        register_site_wide(Site, PracticeIdentity)
        receivers.connect()
