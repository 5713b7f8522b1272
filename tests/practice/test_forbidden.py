"""The 403 page: the site's own, in the language of the address, for a refused form (CSRF)
and for PermissionDenied on a public page."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from consultations.models import ConsultationRequest
from practice.models import ContentPage

pytestmark = pytest.mark.django_db


def html_lang(html):
    return re.search(r'<html lang="([^"]+)">', html).group(1)


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        ("/es/reservar/details/", "es", "No pudimos aceptar este formulario"),
        ("/book/details/", "en", "We could not accept this form"),
    ],
)
def test_a_refused_booking_form_says_so_in_its_language(seeded, path, language, words):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(path, {"first_name": "Ana", "email": "ana@example.com"})
    html = response.content.decode()
    assert response.status_code == 403
    assert html_lang(html) == language
    assert words in html
    assert 'class="site-logo"' in html  # the site's page, header and all
    assert "no-store" in response["Cache-Control"]
    assert "CSRF" not in html  # Django's reason is for developers, not visitors
    assert not ConsultationRequest.objects.filter(email="ana@example.com").exists()


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/es/sobre-nosotros/", "es", "No podemos permitirle hacer eso"),
        ("/about/", "en", "We can’t let you do that"),
    ],
)
def test_permission_denied_on_a_public_page_is_the_403_page_in_its_language(
    client, seeded, monkeypatch, path, language, heading
):
    def refuse(self, request, *args, **kwargs):
        raise PermissionDenied("internal detail")

    monkeypatch.setattr(ContentPage, "serve", refuse)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 403
    assert html_lang(html) == language
    assert heading in html
    assert "internal detail" not in html
    assert '<meta name="robots" content="noindex">' in html
