"""Compressed copies of a cached page, made once when it is stored, and the one a client gets.

Only pages the page cache stores are compressed: shared pages for anonymous visitors, which
carry no secret (a response that sets a cookie, such as a CSRF token, is never stored), so
BREACH has nothing to extract from them. Everything else (the booking flow, the admin,
anything a signed-in person sees) leaves uncompressed: Django masks its CSRF token per
request, but those pages can show personal data next to what the visitor typed, and they are
small. docs/caching.md, "Compression", records the decision.
"""

import functools
import gzip

import brotli

# Paid once per entry, on a render that costs far more: gzip at its best, and Brotli at 10
# (about 10 ms on a 25 kB page; 11 takes 25 ms for 3 % less).
GZIP_LEVEL = 9
BROTLI_QUALITY = 10
# In the order the site prefers them when a client accepts several.
ENCODINGS = ("br", "gzip")
IDENTITY = "identity"


def variants(body):
    """{coding: bytes} for `body` as it is and in each coding that makes it smaller."""
    packed = {
        "br": brotli.compress(body, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT),
        # mtime=0: the same page gives the same bytes, whenever it was compressed.
        "gzip": gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
    }
    smaller = {name: data for name, data in packed.items() if len(data) < len(body)}
    return {IDENTITY: body, **smaller}


@functools.lru_cache(maxsize=256)
def accepted_codings(accept_encoding):
    """The codings an Accept-Encoding header allows, as a frozenset (q=0 refuses one; "*"
    stands for any coding not named). A malformed weight counts as a refusal."""
    weights = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.partition(";")
        name = name.strip()
        if not name:
            continue
        quality = 1.0
        params = params.strip()
        if params:
            key, _, value = params.partition("=")
            try:
                quality = float(value) if key.strip() == "q" else 0.0
            except ValueError:
                quality = 0.0
        weights[name] = quality
    wildcard = weights.get("*", 0.0) > 0
    return frozenset(name for name in ENCODINGS if weights.get(name, 1.0 if wildcard else 0.0) > 0)


def choose(accept_encoding, available):
    """The coding to answer with: the site's preferred one the client accepts among those
    `available`, or None for the body as it is."""
    if not accept_encoding:
        return None
    allowed = accepted_codings(accept_encoding[:200])
    for name in ENCODINGS:
        if name in allowed and name in available:
            return name
    return None
