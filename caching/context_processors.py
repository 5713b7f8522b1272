"""Template context for the cached fragments."""

from caching import generation


def cache_generation(request):
    """`cache_generation`: the token the templates' cached fragments (`{% wagtailcache %}`)
    vary on, so a change retires them with the pages. Without a reachable cache, a token of
    its own that nothing is stored under."""
    current = generation.for_request(request)
    return {"cache_generation": current.token if current else f"none-{id(request)}"}
