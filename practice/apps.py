from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from wagtail.models import Site

        from practice.caching import receivers, register_site_wide

        # Sites (their names, ports and root pages) shape every URL on every page.
        register_site_wide(Site)
        receivers.connect()
