"""One rule at the edge for characters that cannot be stored.

PostgreSQL refuses a NUL in any text value, and no other C0 control character (nor DEL or
the C1 range) belongs in a name, a message, a slug or a search. So, before any view, cache
or session lookup sees a request:

- a path, query parameter (name or value) or form field (name or value) holding such a
  character is refused with a 400 page that says what to fix; tab, carriage return and
  newline are text in query parameters and form fields (a message has line breaks), never
  in a path;
- a cookie holding one is treated as absent (a visitor cannot edit their cookies), and a
  session cookie that is not the shape Django issues is treated as no session, so nothing
  looks a made-up key up in the database.

The 400 page is in the address's language (Spanish under /es/): the guard runs before
LocaleMiddleware, so it picks the language from the path itself, as the page cache does.

`is_control_character` and `has_control_characters` are the site's one definition of the
characters concerned.
"""

import re
import unicodedata

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from caching.page_cache import page_language

# Line breaks and tabs are text wherever free text is allowed.
TEXT_CONTROLS = frozenset("\t\n\r")
# Django's database and cache session stores issue 32 characters of [a-z0-9].
SESSION_KEY_SHAPE = re.compile(r"[a-z0-9]{32}")
SHAPED_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cache",
    "django.contrib.sessions.backends.cached_db",
)


def is_control_character(char, allowed=TEXT_CONTROLS):
    """True for a character no field stores: a control (Cc) other than those `allowed`."""
    return unicodedata.category(char) == "Cc" and char not in allowed


def has_control_characters(text, allowed=TEXT_CONTROLS):
    # Most input is plain printable ASCII: skip the per-character check for it.
    if text.isascii() and text.isprintable():
        return False
    return any(is_control_character(char, allowed) for char in text)


def _bad_fields(query_dict):
    """The names of fields in `query_dict` (GET or POST) holding a forbidden character."""
    bad = []
    for name, values in query_dict.lists():
        if has_control_characters(name) or any(has_control_characters(v) for v in values):
            bad.append(name)
    return bad


def refusal(request):
    """What is wrong with `request`, as a sentence for the 400 page (lazy: it is rendered in
    the address's language); None if nothing is."""
    if has_control_characters(request.path, allowed=frozenset()):
        return gettext_lazy(
            "The web address contains invisible control characters, which are not allowed."
        )
    if _bad_fields(request.GET):
        return gettext_lazy("The web address contains invisible control characters.")
    if request.method == "POST" and _bad_fields(request.POST):
        return gettext_lazy(
            "The form contains invisible control characters (often pasted in with text). "
            "Go back, retype the text in the fields you pasted into, and send it again."
        )
    return None


def clean_cookies(request):
    """Drop cookies no code should read: control characters, or a malformed session key."""
    cookies = request.COOKIES
    for name in [name for name, value in cookies.items() if has_control_characters(value)]:
        del cookies[name]
    session = cookies.get(settings.SESSION_COOKIE_NAME)
    if (
        session is not None
        and settings.SESSION_ENGINE in SHAPED_SESSION_ENGINES
        and not SESSION_KEY_SHAPE.fullmatch(session)
    ):
        del cookies[settings.SESSION_COOKIE_NAME]


class InputGuardMiddleware:
    """Apply the rule above; it must come before the page cache and the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clean_cookies(request)
        problem = refusal(request)
        if problem is not None:
            # LocaleMiddleware has not run yet: the address says which language to answer
            # in. Rendered without the request: nothing in it is read again (no session, no
            # user).
            language = page_language(request)
            with translation.override(language):
                body = render_to_string("400.html", {"problem": problem})
            response = HttpResponseBadRequest(body)
            response["Cache-Control"] = "no-store"
            response["Content-Language"] = language
            return response
        return self.get_response(request)
