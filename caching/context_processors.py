"""Template context for the cached fragments."""

from django.utils.functional import SimpleLazyObject

from caching import generation


def cache_generation(request):
    """`cache_generation`: the token the templates' cached fragments (`{% wagtailcache %}`)
    vary on, so a change retires them with the pages. Without a reachable cache, a token of
    its own that nothing is stored under. Lazy: only a template with a cached fragment reads
    the generation (the admin's pages never do)."""

    def token():
        current = generation.for_request(request)
        return current.token if current else f"none-{id(request)}"

    return {"cache_generation": SimpleLazyObject(token)}
