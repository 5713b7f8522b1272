"""Hostile input at the edge: unstorable characters never reach a view, a cache or a session
lookup; HEAD answers wherever GET does; one client address for limits and lockouts."""

import pytest
from django.test import RequestFactory

from security.client_address import client_ip
from security.input_guard import has_control_characters

pytestmark = pytest.mark.django_db

EVERY_KIND_OF_PAGE = ["/", "/blog/", "/book/", "/offices/", "/about/", "/admin/login/"]


# --- Control characters ----------------------------------------------------------------------


@pytest.mark.parametrize("query", ["%00", "a%00b", "%01", "caf%C3%A9%1B"])
def test_a_search_for_a_control_character_is_a_clear_400(client, seeded, query):
    response = client.get(f"/search/?q={query}")
    assert response.status_code == 400
    assert "invisible control characters" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_search_with_a_tab_or_accents_is_answered(client, seeded):
    assert client.get("/search/?q=face%09lift").status_code == 200
    assert client.get("/search/?q=caf%C3%A9").status_code == 200


def test_a_control_character_in_a_parameter_name_is_refused(client, seeded):
    assert client.get("/blog/?pa%00ge=2").status_code == 400


@pytest.mark.parametrize("path", ["/blog/%00/", "/about%00/", "/blog/a%0Ab/", "/%09/"])
def test_a_control_character_in_the_path_is_refused(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "web address" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/blog/", "/book/", "/admin/login/"])
def test_a_session_cookie_with_a_nul_is_no_session(client, seeded, path):
    # Django's cookie parser turns the quoted octal escape into a real NUL.
    response = client.get(path, HTTP_COOKIE='sessionid="\\000aaaaaaaaaaaaaaaa"')
    assert response.status_code == 200


def test_a_session_cookie_with_a_nul_does_not_break_an_image(client, seeded):
    from wagtail.images.models import Image

    rendition = Image.objects.order_by("pk").first().get_rendition("width-100")
    response = client.get(rendition.url, HTTP_COOKIE='sessionid="\\000aaaaaaaaaaaaaaaa"')
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["short", "A" * 32, "a" * 31 + "!", "a" * 33])
def test_a_session_cookie_not_of_djangos_shape_is_never_looked_up(
    client, seeded, value, django_assert_num_queries
):
    client.get("/about/")  # the page is now cached
    with django_assert_num_queries(0):
        response = client.get("/about/", HTTP_COOKIE=f"sessionid={value}")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_a_real_session_still_signs_in(admin_client_logged_in):
    assert admin_client_logged_in.get("/admin/").status_code == 200


def test_another_cookie_with_a_control_character_is_dropped(client, seeded):
    response = client.get("/book/", HTTP_COOKIE='csrftoken="\\001abc"')
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", False),
        ("tab\tand\nnewline\r", False),
        ("nul\x00", True),
        ("bell\x07", True),
        ("del\x7f", True),
        ("c1\x85", True),
        ("emoji 😀 and rtl \u202e", False),
    ],
)
def test_one_definition_of_a_forbidden_character(text, expected):
    assert has_control_characters(text) is expected


# --- HEAD answers wherever GET does ------------------------------------------------------------

PUBLIC_URLS = [
    "/",
    "/robots.txt",
    "/sitemap.xml",
    "/blog/",
    "/blog/feed/rss/",
    "/blog/feed/atom/",
    "/offices/",
    "/book/",
    "/search/?q=eyelid",
    "/healthz",
    "/readyz",
    "/about/",
    "/procedures/",
    "/procedures/rhinoplasty/",
    "/procedures/results/",
    # The Spanish edition.
    "/es/",
    "/es/articulos/",
    "/es/articulos/feed/rss/",
    "/es/articulos/guia-cirugia-de-parpados-superiores/",
    "/es/consultorios/",
    "/es/consultorios/santa-monica/",
    "/es/reservar/",
    "/es/search/?q=parpados",
    "/es/politica-de-privacidad/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_head_answers_wherever_get_does(client, seeded, url):
    get = client.get(url)
    head = client.head(url)
    assert get.status_code == 200, url
    assert head.status_code == get.status_code
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


# --- One client address --------------------------------------------------------------------------


def _request(remote="10.0.0.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.9"),
        (0, "6.6.6.6", "10.0.0.9"),  # no proxy: the header is the client's invention
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a spoofed entry stays on the left
        (1, None, "10.0.0.9"),  # not through the balancer: the connection
        (1, "junk", "10.0.0.9"),
        (2, "6.6.6.6, 203.0.113.5, 10.1.1.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.9"),  # fewer hops than proxies: not trusted
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_nth_from_the_right(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(_request(forwarded=forwarded)) == expected


BALANCER = "10.0.0.2"


def _login(client, client_address, password):
    return client.post(
        "/admin/login/",
        {"username": "boss", "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=f"198.18.0.1, {client_address}",
    )


def test_behind_a_balancer_failed_logins_lock_the_attackers_address_only(
    client, superuser, settings
):
    from axes.models import AccessAttempt
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3
    attacker, staff = "203.0.113.66", "198.51.100.7"
    for _ in range(3):
        _login(client, attacker, "wrong")
    # The attacker is locked out of that username, even with the right password...
    assert _login(client, attacker, "pw-boss-123").status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [attacker]
    # ...while the staff member behind the same balancer signs in.
    colleague = Client()
    assert _login(colleague, staff, "pw-boss-123").status_code == 302


def test_without_trusted_proxy_count_a_balancer_makes_one_lockout_for_everyone(
    client, superuser, settings
):
    """Why docs/deployment.md says to set TRUSTED_PROXY_COUNT behind a balancer: left at 0, every
    request seems to come from the balancer, so an attacker locks the colleague out too."""
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 0
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _login(client, "203.0.113.66", "wrong")
    assert _login(Client(), "198.51.100.7", "pw-boss-123").status_code == 429


# --- The 400 page speaks the address's language ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        ("/es/search/?q=%00", "es", "La dirección web contiene caracteres de control invisibles."),
        ("/es/articulos/%00/", "es", "caracteres de control invisibles, que no están permitidos"),
        ("/search/?q=%00", "en", "The web address contains invisible control characters."),
    ],
)
def test_the_400_page_explains_in_the_language_of_the_address(
    client, seeded, path, language, words
):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<html lang="{language}">' in html
    assert words in html
    assert response["Content-Language"] == language


def test_a_spanish_form_with_a_control_character_is_explained_in_spanish(client, seeded):
    response = client.post("/es/reservar/details/", {"first_name": "Ana\x00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "El formulario contiene caracteres de control invisibles" in html
    assert 'href="/es/"' in html  # back to the Spanish home page
