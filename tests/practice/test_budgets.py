"""Budgets for every public page type: SQL queries that do not grow with data volume, HTML
under 60 KB, and CSS + JS under 50 KB. (Speed itself is measured by `make bench`.)"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import (
    ARTICLES_PER_PAGE,
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
)
from consultations import availability, links
from consultations.models import ConsultationRequest, Mode
from offices.models import OfficePage
from people.models import Clinician

pytestmark = pytest.mark.django_db

HTML_BUDGET = 60 * 1024
ASSET_BUDGET = 50 * 1024
# SQL queries per rendered page (the header and footer cached, as on a running server), as
# measured: a change that adds one shows up here. Routing, the site lookup, the privacy check
# and page links are Wagtail's own (about seven queries a page); listings load their rows
# with select_related/prefetch_related, so no count grows with the number of articles.
QUERY_BUDGETS = {
    "home": 24,  # with the procedures section (at most nine cards, two queries)
    "content page": 12,
    "blog index": 19,
    "category": 19,
    "article": 29,
    "search results": 10,  # procedure pages are a result type of their own: one query each
    "empty search": 3,
    "offices index": 14,
    "office page": 18,
    "booking step 1": 14,  # + the clinicians' procedures, for the step's own filter
    "booking times": 18,  # + the office's holiday closures
    "booking details": 19,
    "confirmation": 11,
    "manage booking": 16,
    "accessibility statement": 12,  # with its barrier report form (never stored)
    "not found": 7,
}
# The same pages in Spanish: the booking pages name offices and procedures in Spanish.
SPANISH_QUERY_BUDGETS = {
    "home": 27,
    "content page": 14,
    "blog index": 20,
    "category": 20,
    "article": 30,
    "search results": 10,
    "empty search": 3,
    "offices index": 15,
    "office page": 21,
    "booking step 1": 17,
    "booking times": 20,
    "confirmation": 13,
    "manage booking": 18,
    "accessibility statement": 14,
    "not found": 8,
}


def page_types():
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    article = BlogPage.objects.live().order_by("pk").first()
    category = article.categories.first()
    booking = ConsultationRequest.objects.exclude(starts_at=None).order_by("pk").first()
    token = links.make_token(booking)
    # add_volume() books every other slot from the first; this one stays open.
    slot = [s for d in availability.open_slots(Mode.IN_PERSON, office.pk).values() for s in d][1]
    return {
        "home": "/",
        "content page": "/about/",
        "blog index": "/blog/",
        "category": f"/blog/category/{category.slug}/",
        "article": article.url,
        "search results": "/search/?q=eyelid",
        "empty search": "/search/",
        "offices index": "/offices/",
        "office page": office.url,
        "booking step 1": "/book/",
        "booking times": f"/book/times/?mode=in_person&office={office.pk}",
        "booking details": (f"/book/details/?mode=in_person&office={office.pk}&slot={slot.value}"),
        "confirmation": f"/book/confirmation/{token}/",
        "manage booking": f"/book/manage/{token}/",
        "accessibility statement": "/accessibility/",
        "not found": "/no-such-page/",
    }


def spanish_page_types():
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    article = BlogPage.objects.live().filter(locale__language_code="es").order_by("pk").first()
    category = article.categories.first()
    booking = ConsultationRequest.objects.exclude(starts_at=None).order_by("pk").first()
    token = links.make_token(booking)
    return {
        "home": "/es/",
        "content page": "/es/sobre-nosotros/",
        "blog index": "/es/articulos/",
        "category": f"/es/articulos/category/{category.slug}/",
        "article": article.url,
        "search results": "/es/search/?q=párpados",
        "empty search": "/es/search/",
        "offices index": "/es/consultorios/",
        "office page": "/es/consultorios/santa-monica/",
        "booking step 1": "/es/reservar/",
        "booking times": f"/es/reservar/times/?mode=in_person&office={office.pk}",
        "confirmation": f"/es/reservar/confirmation/{token}/",
        "manage booking": f"/es/reservar/manage/{token}/",
        "accessibility statement": "/es/accesibilidad/",
        "not found": "/es/no-existe/",
    }


def measure(client, path):
    client.get(path)  # warm the cached header and footer, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


def add_volume():
    """More of everything a page could list: articles, tags, categories, bookings."""
    index = BlogIndexPage.objects.get(locale__language_code="en")
    model = BlogPage.objects.live().order_by("pk").first()
    authors = [a.author for a in model.article_authors.all()]
    extra_category = BlogCategory.objects.create(name="Extra topic", slug="extra-topic")
    categories = [*model.categories.all(), extra_category]
    for n in range(25):
        article = BlogPage(
            title=f"Volume article {n}",
            slug=f"volume-article-{n}",
            lede="More of the same.",
            date=timezone.localdate() - datetime.timedelta(days=n),
            hero_image=model.hero_image,
            hero_alt="Volume",
            body=model.body.raw_data,
            first_published_at=timezone.now(),
        )
        article.categories = categories
        article.article_authors = [
            BlogPageAuthor(author=a, sort_order=i) for i, a in enumerate(authors)
        ]
        index.add_child(instance=article)
        article.tags.add(f"volume-{n}", "eyelids")
        article.save()
    # Tag and relate the article under test heavily too.
    model.tags.add(*[f"volume-{n}" for n in range(10)])
    model.save()
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    vale = Clinician.objects.get(name="Dr. Adrian Vale")  # every Santa Monica session is his
    for i, slot in enumerate(
        s for d in availability.open_slots(Mode.IN_PERSON, office.pk).values() for s in d
    ):
        if i % 2 or i > 40:
            continue
        ConsultationRequest.objects.create(
            mode=Mode.IN_PERSON,
            office=office,
            clinician=vale,
            starts_at=slot.starts_at,
            first_name="V",
            last_name="Olume",
            email=f"v{i}@example.com",
            phone="+13105550100",
            consent_at=timezone.now(),
        )


def test_queries_do_not_grow_with_data_and_pages_stay_small(client, seeded, settings):
    settings.PAGE_CACHE_ENABLED = False  # rendered cost, not the cache's
    paths = page_types()
    before = {name: measure(client, path) for name, path in paths.items()}
    add_volume()
    after = {name: measure(client, path) for name, path in paths.items()}
    problems = []
    for name, (response, queries) in after.items():
        expected = 404 if name == "not found" else 200
        if response.status_code != expected:
            problems.append(f"{name}: status {response.status_code}")
        if queries > before[name][1]:
            problems.append(f"{name}: {before[name][1]} queries grew to {queries}")
        if queries > QUERY_BUDGETS[name]:
            problems.append(f"{name}: {queries} queries (budget {QUERY_BUDGETS[name]})")
        if len(response.content) > HTML_BUDGET:
            problems.append(f"{name}: {len(response.content)} bytes of HTML")
    assert not problems, "\n".join(problems)


def test_spanish_pages_keep_their_own_query_budgets(client, seeded, settings):
    settings.PAGE_CACHE_ENABLED = False
    problems = []
    for name, path in spanish_page_types().items():
        response, queries = measure(client, path)
        expected = 404 if name == "not found" else 200
        if response.status_code != expected:
            problems.append(f"{name}: status {response.status_code}")
        if queries > SPANISH_QUERY_BUDGETS[name]:
            problems.append(f"{name}: {queries} queries (budget {SPANISH_QUERY_BUDGETS[name]})")
        if 'lang="es"' not in response.content.decode()[:200]:
            problems.append(f"{name}: not served in Spanish")
    assert not problems, "\n".join(problems)


def test_a_deep_blog_index_page_costs_what_the_first_does(client, seeded, settings):
    """`make bench` measures page 50 of 1,000 articles; here, the last of at least three pages
    must cost no more queries than page 1 (no OFFSET-dependent extra work, no N+1)."""
    settings.PAGE_CACHE_ENABLED = False
    add_volume()
    live = BlogPage.objects.live().filter(locale__language_code="en").count()
    last = -(-live // ARTICLES_PER_PAGE)
    assert last >= 3, f"only {live} articles: not enough for three pages"
    costs, pages = {}, {}
    for number in (1, 2, last):
        response, costs[number] = measure(client, f"/blog/?page={number}")
        assert response.status_code == 200
        pages[number] = response.content.decode()
    # Each is its own page (its canonical URL names it), not a fallback to page 1.
    assert f'?page={last}"' in pages[last] and pages[last] != pages[2] != pages[1]
    assert costs[1] <= QUERY_BUDGETS["blog index"], costs
    assert costs[2] == costs[1] and costs[last] == costs[1], costs


def test_css_and_js_stay_under_budget(client, seeded):
    html = client.get("/").content.decode() + client.get("/book/").content.decode()
    assets = set(re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
    assets |= set(re.findall(r'<script src="([^"]+)"', html))
    assert any(a.endswith(".css") for a in assets)
    total = 0
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        total += sum(len(chunk) for chunk in response.streaming_content)
    assert total < ASSET_BUDGET, f"CSS + JS is {total} bytes"
