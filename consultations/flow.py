"""The booking flow's steps by name: what stands between BookingPage's sub-URLs and the views.

Views import models, so models never import views: BookingPage routes each sub-URL to a step
name here, and consultations.apps registers the view functions for those names at startup.
"""

from django.core.exceptions import ImproperlyConfigured

_steps = {}


def register_steps(steps):
    """Name the view that answers each step: `{"choose": views.choose, ...}`."""
    _steps.update(steps)


def serve_step(name, request, page, *args):
    """Answer one step of the flow on `page` (a BookingPage) with its registered view."""
    try:
        view = _steps[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No view registered for booking step {name!r} (consultations.apps registers them)."
        ) from None
    return view(request, page, *args)
