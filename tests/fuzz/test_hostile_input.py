"""Property-based fuzzing: hostile values in every public URL's query parameters, every field of
every booking step and self-service form, cookies and common headers.

For every example: no 5xx; a value carrying HTML is never reflected unescaped; and nothing is
stored unless the answer says something was (a booking's redirect to its confirmation).
Values travel as bytes, so lone surrogates and invalid UTF-8 arrive as a client could send them.
"""

import uuid
from urllib.parse import quote, quote_from_bytes

import pytest
from django.contrib.sessions.models import Session
from hypothesis import given
from hypothesis import strategies as st

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from consultations import availability, booking, links
from consultations.forms import ChooseForm, DetailsForm
from consultations.models import ConsultationRequest, Mode, Notification, Status
from offices.models import OfficePage
from tests.consultations.conftest import booking_data

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

NASTY = [
    "\x00",
    "a\x00b",
    "\x01\x02\x1f",
    "\x7f",
    "\x85",
    "\r\nSet-Cookie: owned=1",
    "\r\n\r\n<html>",
    "\ud800",  # lone surrogates: sent as the invalid UTF-8 a client could send
    "a\udfffb",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "';alert(1);//",
    "javascript:alert(1)",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "${7*7}",
    "' OR '1'='1",
    '"; DROP TABLE consultations_consultationrequest; --',
    "1; SELECT pg_sleep(5)",
    "\u202egnp.exe",
    "مرحبا بالعالم",
    "😀" * 40,
    "\ufeff\u200b",
    "x" * 100_000,
    "é" * 50_000,
    "-1",
    "0",
    "9" * 40,
    "-" + "9" * 40,
    "1e309",
    "NaN",
    "１２３",
    "²",
    "../../../etc/passwd",
    "null",
    "[]",
    " ",
    "",
    "2026-02-30",
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z",
    "2026-11-25T10:00:00+99:00",
]
# Written into a query or body as they are: broken percent-encodings and separators.
RAW = ["%", "%G0", "%zz", "%E9", "%ED%A0%80", "%FF%FE", "%C0%AF", "%00", "+", "&&", "=="]
HTML_SIGNS = set("<>\"'")


def encode(value):
    return quote_from_bytes(value.encode("utf-8", "surrogatepass"), safe="")


# NUL (which PostgreSQL refuses) weighted up among the controls; tab and newlines are text.
controls = st.text(
    st.sampled_from(["\x00", "\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\t", "\n"]),
    min_size=1,
    max_size=3,
)
values = st.one_of(
    st.sampled_from(NASTY),
    st.tuples(st.text(max_size=8), controls, st.text(max_size=8)).map("".join),
    st.text(max_size=40),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)


@st.composite
def sent_values(draw):
    """(value as sent on the wire, value a page might reflect or None)."""
    value = draw(values)
    if draw(st.booleans()):
        # Marked, so a reflection is recognised without matching the page's own markup.
        value = f"zq{value}qz"
    wire = encode(value)
    if draw(st.integers(0, 4)) == 0:
        wire += draw(st.sampled_from(RAW))
    return wire, value


def header_value(value):
    return value.encode("utf-8", "surrogatepass").decode("latin-1")


def assert_sound(response, sent):
    assert response.status_code < 500, response.status_code
    body = response.content.decode("utf-8", "replace")
    for value in sent:
        if value and value.startswith("zq") and HTML_SIGNS & set(value):
            assert value not in body, f"reflected unescaped: {value[:80]!r}"


def stored():
    return (
        ConsultationRequest.objects.count(),
        Notification.objects.count(),
        Session.objects.count(),
    )


@pytest.fixture
def site(seeded, settings):
    settings.BOOKING_RATE_LIMIT_ENABLED = False
    settings.BOOKING_MIN_FILL_SECONDS = 0
    ConsultationRequest.objects.all().delete()
    office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
    article = BlogPage.objects.live().first()
    index = BlogIndexPage.objects.get(locale__language_code="en")
    category = BlogCategory.objects.first()
    public_urls = {
        "home": "/",
        "search": "/search/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "blog index": index.url,
        "feed": f"{index.url}feed/rss/",
        "category": f"{index.url}category/{category.slug}/",
        "article": article.url,
        "offices index": "/offices/",
        "office": office.url,
        "booking step 1": "/book/",
        "booking step 2": "/book/times/",
        "booking step 3": "/book/details/",
        "content page": "/about/",
        "procedures index": "/procedures/",
        "procedure": "/procedures/rhinoplasty/",
        "gallery": "/procedures/results/",
        # The Spanish edition: the same views under /es/, in another language.
        "es home": "/es/",
        "es search": "/es/search/",
        "es blog index": "/es/articulos/",
        "es article": "/es/articulos/guia-cirugia-de-parpados-superiores/",
        "es office": "/es/consultorios/santa-monica/",
        "es booking step 1": "/es/reservar/",
        "es booking step 2": "/es/reservar/times/",
        "es booking step 3": "/es/reservar/details/",
    }
    slot = next(iter(availability.open_slots(Mode.IN_PERSON, office.pk, days=21).values()))[0]
    return {"office": office, "slot": slot, "urls": public_urls}


PARAMETERS = ["page", "q", "p", "mode", "office", "procedures", "from", "slot", "callback", "gone"]
names = st.one_of(st.sampled_from(PARAMETERS), st.sampled_from(NASTY[:12]).map(encode))


PUBLIC_PAGES = [
    "home",
    "search",
    "sitemap",
    "robots",
    "blog index",
    "feed",
    "category",
    "article",
    "offices index",
    "office",
    "booking step 1",
    "booking step 2",
    "booking step 3",
    "content page",
    "procedures index",
    "procedure",
    "gallery",
    "es home",
    "es search",
    "es blog index",
    "es article",
    "es office",
    "es booking step 1",
    "es booking step 2",
    "es booking step 3",
]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
@given(data=st.data())
def test_public_urls_survive_hostile_query_parameters(client, site, page, data):
    url = site["urls"][page]
    # Every parameter a page reads, most of the time, and a few made-up ones.
    pairs = [(name, data.draw(sent_values())) for name in PARAMETERS if data.draw(st.booleans())]
    pairs += data.draw(st.lists(st.tuples(names, sent_values()), min_size=1, max_size=2))
    query = "&".join(f"{name}={wire}" for name, (wire, _) in pairs)
    before = stored()
    response = client.get(f"{url}?{query}")
    assert_sound(response, [value for _, (_, value) in pairs])
    assert stored() == before


# Every field of the final step's forms, read from the forms, so a new field is fuzzed too.
BOOKING_FIELDS = list(dict.fromkeys([*ChooseForm.base_fields, *DetailsForm.base_fields]))


def form_body(fields):
    """An application/x-www-form-urlencoded body from (name, wire value) pairs."""
    return "&".join(f"{quote(name)}={wire}" for name, wire in fields)


@given(data=st.data())
def test_every_booking_field_survives_hostile_values(client, site, data):
    valid = booking_data(site["office"], site["slot"])
    hostile = data.draw(
        st.dictionaries(st.sampled_from(BOOKING_FIELDS), sent_values(), min_size=1, max_size=3)
    )
    fields = []
    for name, value in valid.items():
        if name in hostile:
            continue
        for item in value if isinstance(value, list) else [value]:
            fields.append((name, encode(item)))
    fields += [(name, wire) for name, (wire, _) in hostile.items()]
    sent = [value for _, value in hostile.values()]
    requests_before, notifications_before, _ = stored()
    response = client.post(
        "/book/details/", form_body(fields), content_type="application/x-www-form-urlencoded"
    )
    assert_sound(response, sent)
    requests_after, notifications_after, _ = stored()
    if response.status_code == 302:
        # Accepted: exactly one request, the one this form's token names, with its emails.
        assert requests_after == requests_before + 1
        made = ConsultationRequest.objects.order_by("-pk").first()
        assert str(made.submission_token) in {
            str(valid["token"]),
            hostile.get("token", ("", ""))[1],
        }
        assert_sound(client.get(response["Location"]), sent)
        made.delete()  # the slot is open again for the next example
    else:
        assert 400 <= response.status_code < 500
        assert (requests_after, notifications_after) == (requests_before, notifications_before)


@given(data=st.data())
def test_booking_steps_survive_hostile_choices(client, site, data):
    step = data.draw(st.sampled_from(["/book/", "/book/times/", "/book/details/"]))
    hostile = data.draw(
        st.dictionaries(
            st.sampled_from(["mode", "office", "procedures", "from", "slot", "callback"]),
            sent_values(),
            min_size=1,
            max_size=3,
        )
    )
    base = {"mode": "in_person", "office": str(site["office"].pk), "slot": site["slot"].value}
    fields = [(n, encode(v)) for n, v in base.items() if n not in hostile]
    fields += [(name, wire) for name, (wire, _) in hostile.items()]
    before = stored()
    response = client.get(f"{step}?{form_body(fields)}")
    assert_sound(response, [value for _, value in hostile.values()])
    assert stored() == before


@pytest.fixture
def booked(site):
    consultation = booking.book(
        mode=Mode.IN_PERSON,
        office=site["office"],
        starts_at=site["slot"].starts_at,
        procedures=[],
        details={
            "first_name": "Fuzz",
            "last_name": "Target",
            "email": "fuzz@example.com",
            "phone": "+13105550100",
        },
        submission_token=uuid.uuid4(),
    )
    return consultation, f"/book/manage/{links.make_token(consultation)}/"


@given(data=st.data())
def test_self_service_forms_survive_hostile_values(client, booked, data):
    consultation, manage_url = booked
    kind = data.draw(st.sampled_from(["action", "slot", "done", "token"]))
    wire, value = data.draw(sent_values())
    if kind == "token":
        page = data.draw(st.sampled_from(["manage", "confirmation", "calendar"]))
        response = client.get(f"/book/{page}/{wire or 'x'}/")
    elif kind == "done":
        response = client.get(f"{manage_url}?done={wire}")
    else:
        action = wire if kind == "action" else "reschedule"
        slot = wire if kind == "slot" else ""
        response = client.post(
            manage_url,
            form_body([("action", action), ("slot", slot)]),
            content_type="application/x-www-form-urlencoded",
        )
    assert_sound(response, [value])
    if response.status_code != 302:
        # Nothing changed: still the same booking at the same time.
        fresh = ConsultationRequest.objects.get(pk=consultation.pk)
        assert (fresh.status, fresh.starts_at) == (Status.NEW, consultation.starts_at)


COMMON_HEADERS = [
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_REQUEST_ID",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_HOST",
]
COOKIES = ["sessionid", "csrftoken", "messages", "junk"]
# Quoted octal escapes, which Django's cookie parser turns into the characters they name.
cookie_values = st.one_of(
    values.map(lambda value: header_value(value).replace(";", "")),
    st.sampled_from(['"\\000aaaaaaaaaaaaaaaa"', '"\\001abc"', '"a\\012b"', '"\\"']),
)


@given(data=st.data())
def test_cookies_and_headers_survive_hostile_values(client, site, data, settings):
    settings.TRUSTED_PROXY_COUNT = data.draw(st.sampled_from([0, 1, 2]))
    url = data.draw(st.sampled_from([*site["urls"].values(), "/admin/login/"]))
    cookies = {name: data.draw(cookie_values) for name in COOKIES if data.draw(st.booleans())}
    headers = data.draw(st.dictionaries(st.sampled_from(COMMON_HEADERS), values, max_size=4))
    extra = {name: header_value(value) for name, value in headers.items()}
    if cookies:
        extra["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    before = stored()
    if url == "/admin/login/" and data.draw(st.booleans()):
        response = client.post(url, {"username": "boss", "password": "wrong"}, **extra)
    else:
        response = client.get(url, **extra)
    assert_sound(response, [*cookies.values(), *headers.values()])
    requests, notifications, _ = stored()
    assert (requests, notifications) == before[:2]


@given(data=st.data())
def test_staff_sign_in_survives_hostile_values(client, superuser, data):
    username = data.draw(sent_values())
    password = data.draw(sent_values())
    response = client.post(
        "/admin/login/",
        form_body([("username", username[0]), ("password", password[0])]),
        content_type="application/x-www-form-urlencoded",
    )
    assert_sound(response, [username[1], password[1]])
    assert "_auth_user_id" not in client.session
