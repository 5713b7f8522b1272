"""The page-cache middleware: anonymous GETs answered from the in-app cache.

It sits below the middleware that adds what every response carries (request id and access
line, security headers, CSP, the language), so a hit gets those afresh, and below the
session middleware, so a visitor with a session always gets a fresh page. A miss renders
through the rest of the stack and stores what comes back when it is shareable.
"""

from caching import generation, page_cache


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.request_is_cacheable(request):
            return self.get_response(request)
        current = generation.for_request(request)
        if current is None:  # the cache is unreachable: render, store nothing
            return self.get_response(request)
        key, entry = page_cache.lookup(request, current)
        if entry is not None:
            response = page_cache.response_for(entry, request)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if not page_cache.response_is_cacheable(response, request):
            return response
        entry = page_cache.store(key, response, current)
        if entry is None:
            return response
        stored = page_cache.response_for(entry, request)
        stored["X-Page-Cache"] = "miss"
        return stored
