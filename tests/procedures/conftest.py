"""Fixtures for the procedure tests: the seeded procedures index and a page maker."""

import itertools

import pytest

from procedures.demo_content import qa, step
from procedures.models import ProcedureIndexPage, ProcedurePage

_counter = itertools.count(1)


@pytest.fixture
def procedures_index(seeded):
    return ProcedureIndexPage.objects.get(slug="procedures")


@pytest.fixture
def make_procedure(procedures_index):
    """Add a procedure page and publish it through a revision, as an editor would."""

    def make(title=None, **fields):
        n = next(_counter)
        defaults = {
            "title": title or f"Test procedure {n}",
            "slug": f"test-procedure-{n}",
            "summary": "What the test procedure does.",
            "body_location": "Chin",
            "who_it_suits": "<p>Adults.</p>",
            "how_it_is_done": "<p>Under <b>local</b> anaesthesia.</p>",
            "preparation": "<p>Stop smoking.</p>",
            "recovery": [step(1, "week", "Stitches out", "Bruising fades.")],
            "risks": "<p>Swelling.</p>",
            "faq": [qa("Does it hurt?", "Very little.")],
        }
        page = ProcedurePage(**{**defaults, **fields})
        procedures_index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make
