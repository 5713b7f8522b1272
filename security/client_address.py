"""The visitor's address, for rate limits and login lockouts: one resolver for the whole site.

`TRUSTED_PROXY_COUNT` is how many proxies in front of the app append to X-Forwarded-For
(a load balancer, a CDN). With none, the connecting address is the client and any
X-Forwarded-For is the client's own invention. With N, the client is the Nth address from
the right: whatever a client writes into the header itself stays to the left of that, so it
cannot pick its own address. django-ipware reads the chain; its proxy count is the number of
proxies listed in the header, which is one less than ours (the last proxy is the connection).
django-axes calls this function too (AXES_CLIENT_IP_CALLABLE).
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str | None:
    """The client's address, or None when the request carries none (an in-process call)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR") or None
    if proxies <= 0:
        return remote
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=("HTTP_X_FORWARDED_FOR",),
        strict=False,
    )
    # No usable chain (the request did not come through the proxies): the connection.
    return address or remote
