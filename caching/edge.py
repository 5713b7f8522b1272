"""The edge (Varnish, or a CDN) in front: purged whole, through Wagtail's frontend-cache
backends, before the admin's response returns; and once more from a background task.

The site's own Varnish configuration (deploy/varnish/practice.vcl) bans every object of a
host when it receives `PURGE /*`; CloudFront reads `/*` as a wildcard too. `BanBackend` is
a frontend-cache backend for that Varnish with a short timeout, so an unreachable edge
delays a publish by at most EDGE_PURGE_TIMEOUT; the task then retries.
"""

import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django_tasks import task
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

# The path that stands for every object of a host.
EVERYTHING = "/*"
RETRY_DELAYS = (1, 2, 4, 8, 16)


class EdgeUnreachable(Exception):
    pass


class BanBackend(BaseBackend):
    """`PURGE <url>` sent to the edge at LOCATION with the URL's host, within TIMEOUT
    seconds; raises EdgeUnreachable when the edge does not confirm."""

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc
        self.timeout = float(params.get("TIMEOUT", 2))

    def purge(self, url):
        parts = urlsplit(url)
        target = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, ""))
        request = urllib.request.Request(  # noqa: S310 - LOCATION comes from settings
            target, method="PURGE", headers={"Host": parts.netloc}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except (OSError, urllib.error.URLError) as error:
            raise EdgeUnreachable(f"{parts.netloc}: {error}") from error


def site_roots():
    from wagtail.models import Site

    return sorted({site.root_url for site in Site.objects.all()})


def purge_everything():
    """Purge every host of every site from every configured backend; raises EdgeUnreachable
    when one could not be reached."""
    failures = []
    for backend in get_backends().values():
        for root in site_roots():
            if not backend.invalidates_hostname(urlsplit(root).hostname):
                continue
            try:
                backend.purge(root + EVERYTHING)
            except EdgeUnreachable as error:
                failures.append(str(error))
    if failures:
        raise EdgeUnreachable("; ".join(failures))


def purge_site():
    """After a change commits: purge now, and again from a task, which catches a render that
    began before the commit and reached the edge after the first purge, and retries when
    the edge was unreachable."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    try:
        purge_everything()
    except EdgeUnreachable as error:
        logger.warning("edge purge failed, retrying in the background: %s", error)
    purge_site_again.enqueue()


@task()
def purge_site_again():
    for delay in (*RETRY_DELAYS, None):
        try:
            purge_everything()
            return
        except EdgeUnreachable:
            if delay is None:
                raise
            time.sleep(delay)
