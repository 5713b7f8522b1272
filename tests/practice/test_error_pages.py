"""The error-page previews `make lighthouse` scores: off by default, and when on, the very
pages Django serves for a refused page, a refused form and a server error, in each language."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["403", "csrf", "500"])
def test_previews_are_off_unless_asked_for(client, seeded, kind):
    assert client.get(f"/error-pages/en/{kind}/").status_code == 404


@pytest.mark.parametrize(
    ("path", "status", "words", "language"),
    [
        ("/error-pages/en/403/", 403, "We can’t let you do that", "en"),
        ("/error-pages/es/403/", 403, "No podemos permitirle hacer eso", "es"),
        ("/error-pages/en/csrf/", 403, "We could not accept this form", "en"),
        ("/error-pages/es/csrf/", 403, "No pudimos aceptar este formulario", "es"),
        ("/error-pages/en/500/", 500, "Something went wrong on our side", "en"),
        ("/error-pages/es/500/", 500, '<html lang="es">', "es"),
    ],
)
def test_each_preview_is_the_real_page_with_its_status(
    client, seeded, settings, path, status, words, language
):
    settings.ERROR_PAGES_PREVIEW = True
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == status
    assert words in html
    assert f'<html lang="{language}">' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_an_unknown_preview_or_language_is_a_404(client, seeded, settings):
    settings.ERROR_PAGES_PREVIEW = True
    assert client.get("/error-pages/en/418/").status_code == 404
    assert client.get("/error-pages/fr/403/").status_code == 404
