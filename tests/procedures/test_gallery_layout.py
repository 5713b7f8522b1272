"""The gallery as visitors get it: a grid of cases behind the sensitive-content disclosure,
each case's first view before and after side by side, further views on demand, photos named
for screen readers and loaded at the size shown; filters are plain links."""

import re

import pytest

from procedures.models import BeforeAfterCase

pytestmark = pytest.mark.django_db


def cards(html):
    return re.findall(r'<article class="case-card".*?</article>', html, re.S)


def test_each_case_hides_its_photos_behind_the_disclosure(client, seeded):
    html = client.get("/procedures/results/").content.decode()
    shown = BeforeAfterCase.objects.shown().count()
    found = cards(html)
    assert len(found) == shown > 0
    for card in found:
        disclosure = card[card.index('<details class="case-card__photos">') :]
        # Every photo of the case is inside the closed disclosure, none before it.
        assert "<img" not in card[: card.index('<details class="case-card__photos">')]
        assert "Show surgical photos" in disclosure
        assert '<details class="case-card__photos" open' not in card


def test_a_case_pairs_before_and_after_of_one_view_named_for_screen_readers(client, seeded):
    case = BeforeAfterCase.objects.shown().get(sort_order=1)
    html = client.get("/procedures/results/").content.decode()
    card = next(c for c in cards(html) if f'id="case-{case.pk}"' in c)
    first = re.search(r'<figure class="case-pair">.*?</figure>', card, re.S).group(0)
    images = re.findall(r"<img [^>]+>", first)
    assert len(images) == 2
    before, after = images
    pair = case.photo_pairs.first()
    assert f'alt="Before: {pair.before_alt}"' in before
    assert f'alt="After, {case.time_since_treatment}: {pair.after_alt}"' in after
    for image, side in ((before, "before"), (after, "after")):
        # The 400 px rendition by default, 800 px for dense screens; lazy and sized.
        assert f'src="/patient-photos/{pair.pk}/{side}-400.jpg"' in image
        assert f"/patient-photos/{pair.pk}/{side}-800.jpg 800w" in image
        assert 'sizes="' in image and 'loading="lazy"' in image
        assert 'width="400" height="500"' in image
    assert "Front view" in first


def test_further_views_open_on_demand(client, seeded):
    html = client.get("/procedures/results/").content.decode()
    with_more = [c for c in cards(html) if "case-card__more" in c]
    assert with_more, "the demo has cases with a second view"
    card = with_more[0]
    more = card[card.index('<details class="case-card__more">') :]
    assert "1 more view" in more
    assert "Left profile view" in more
    # The second view is only inside the nested disclosure.
    assert card.count('<figure class="case-pair">') == 2
    assert more.count('<figure class="case-pair">') == 1


def test_filters_are_links_that_work_without_javascript(client, seeded):
    html = client.get("/procedures/results/").content.decode()
    nav = re.search(r'<nav class="gallery__filters".*?</nav>', html, re.S).group(0)
    assert 'href="/procedures/results/eyelid-surgery/"' in nav
    filtered = client.get("/procedures/results/eyelid-surgery/").content.decode()
    titles = re.findall(r'<h2 class="case-card__title"[^>]*>([^<]+)</h2>', filtered)
    assert titles and all(title.startswith("Eyelid surgery") for title in titles)
    assert 'aria-current="page">Eyelid surgery</a>' in filtered


def test_the_spanish_gallery_names_its_photos_in_spanish(client, seeded):
    html = client.get("/es/procedimientos/resultados/").content.decode()
    assert "Mostrar fotos quirúrgicas" in html
    assert 'alt="Antes: ' in html and 'alt="Después, ' in html


def test_procedure_pages_and_the_procedures_index_link_the_gallery(client, seeded):
    index = client.get("/procedures/").content.decode()
    assert 'href="/procedures/results/"' in index
    page = client.get("/procedures/eyelid-surgery/").content.decode()
    assert 'href="/procedures/results/eyelid-surgery/"' in page
    spanish = client.get("/es/procedimientos/").content.decode()
    assert 'href="/es/procedimientos/resultados/"' in spanish
