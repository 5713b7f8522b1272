"""A Wagtail frontend cache backend that records what it is asked to purge (a stand-in for
Varnish or a CDN, configured through WAGTAILFRONTENDCACHE like a real one)."""

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)
