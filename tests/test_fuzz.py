"""Property-based fuzzing of every public URL pattern and parameter (issue 17).

Hypothesis draws a URL pattern (all of them, walked from the URL configuration, so a new route
is fuzzed without being listed), fills its parts and a query string with real values, hostile
text, control characters, NUL and non-ASCII digits, sends it with a method (mostly GET, also
HEAD, POST, OPTIONS and unused ones), and checks that the archive never answers 5xx (but the
documented 503) and never reflects markup. POST /q/ gets generated form fields.

`make test` runs FUZZ_EXAMPLES=200 derandomized cases; `make fuzz` runs at least 10,000 random
ones (docs/fuzzing.md has the figures).
"""

import os
from collections import Counter
from urllib.parse import quote

from django.db import connection
from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, Organisation, Person, PolicyTerm, Publication, Quote, Status
from archive.search.vocabulary import refresh_vocabulary
from archive.services.quotes import make_quote
from archive.services.tagging import tag_article
from tests.factories import (
    make_article,
    make_comment,
    make_organisation,
    make_person,
    make_publication,
    make_term,
)
from tests.url_patterns import public_patterns

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"  # make fuzz: a new sample of cases each run
ALLOWED = {200, 201, 204, 301, 302, 304, 400, 403, 404, 405, 413, 414, 429, 503}
CANARY = "<x-fuzz"  # markup that must never come back live
PATTERNS = public_patterns()
SEARCH_PARAMETERS = [
    "q",
    "kind",
    "org",
    "term",
    "author",
    "publication",
    "year",
    "from",
    "to",
    "sort",
    "page",
]
OTHER_PARAMETERS = ["curated", "x", "format", "callback", "utm_source"]
QUOTE_FIELDS = ["article", "comment", "exact", "prefix", "suffix"]
REAL = {
    "slug": ["fuzz-piece", "fuzz-draft", "fuzz-body", "fuzz-topic", "fuzz-person", "fuzz-gazette"],
    "extension": ["bib", "ris", "json", "csv"],
    "number": ["1", "2"],
    "comment_id": [],  # filled in by the fixture
    "quote_id": [],
}
HOSTILE = [
    "\x00",
    "%00",
    "a\x00b",
    "\x01\x02\x1b[31m",
    "\x7f",
    "\u0085",
    "\ufffe",
    "²",
    "١٢",
    "٢٠٢٣-٠١-٠١",
    "𝟙𝟚",
    "-1",
    "0",
    "9" * 30,
    "2023-02-30",
    "NaN",
    "' OR '1'='1",
    "../../etc/passwd",
    "\\",
    "&&||!!((:*<->",
    '"unclosed',
    "-",
    "OR",
    "a" * 300,
    "😀" * 20,
    f"{CANARY}>",
    f'"><{CANARY[1:]} onload=1>',
    f"</title>{CANARY}>",
]
# Every character UTF-8 can encode, as `st.text()` draws by default (Hypothesis's codec="utf-8" is
# every category but the surrogates, Cs): the same characters, drawn the same way, named by category.
# With a codec, Hypothesis tests each of Unicode's 1.1 million code points against it on a machine
# whose .hypothesis/ folder does not have the table yet (a fresh clone): 3.7 CPU-s.
UTF8 = st.characters(exclude_categories=["Cs"])
PRINTABLE_CONTROL = st.characters(categories=["Cc", "Nd", "No", "Lo", "Po", "Sm", "Zs"])  # none is Cs


def text_values():
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(UTF8, max_size=40),
        st.text(alphabet=PRINTABLE_CONTROL, max_size=20),
        st.text(UTF8, max_size=10).map(lambda text: f"{CANARY}>{text}"),
    )


@st.composite
def segment(draw, name: str):
    real = REAL.get(name, [])
    if real and draw(st.booleans()):
        return draw(st.sampled_from(real))
    return draw(st.one_of(text_values(), st.sampled_from(sum(REAL.values(), []))))


@st.composite
def requests(draw):
    pattern = draw(st.sampled_from(PATTERNS))
    parts = {name: draw(segment(name)) for name in pattern.parameters}
    path = pattern.fill(**{name: quote(value, safe="") or "x" for name, value in parts.items()})
    names = st.one_of(st.sampled_from(SEARCH_PARAMETERS + OTHER_PARAMETERS), text_values())
    values = st.one_of(
        st.sampled_from(sum(REAL.values(), []) + ["article", "comment", "newest", "2024"]), text_values()
    )
    query = draw(st.lists(st.tuples(names, values), max_size=6))
    if pattern.name == "quote_create":
        method = draw(st.sampled_from(["POST", "POST", "POST", "GET", "TRACE"]))
        fields = draw(st.lists(st.tuples(st.sampled_from(QUOTE_FIELDS), values), max_size=5))
    else:
        method = draw(st.sampled_from(["GET"] * 8 + ["HEAD", "POST", "OPTIONS", "TRACE", "PUT", "DELETE"]))
        fields = []
    return method, path, query, fields


@pytest.fixture(scope="module")
def fuzz_archive(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        body = make_organisation("Fuzz Alliance", "FZA", slug="fuzz-body")
        make_term("Fuzz fund", slug="fuzz-topic")
        person = make_person(f"{CANARY} person>", slug="fuzz-person")
        publication = make_publication("Fuzz Gazette", slug="fuzz-gazette")
        article = make_article(
            "The FZA and the Fuzz fund",
            slug="fuzz-piece",
            publication=publication,
            body="The FZA said the Fuzz fund was too small.\n\nPartners agreed.",
        )
        article.authors.add(person)
        comment = make_comment(article, "Dr Fuzz", "The Fuzz fund is a plaster.")
        draft = make_article("Fuzz draft", slug="fuzz-draft", body="A draft on the FZA.")
        for piece in (article, draft):
            tag_article(piece)
        quote, _ = make_quote(article, None, "the Fuzz fund was too small")
        quote.speaker, quote.speaker_organisation = person, body
        quote.save()
        draft_quote, _ = make_quote(draft, None, "A draft on the FZA")  # made while it was published
        Article.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
        REAL["comment_id"] = [str(comment.pk)]
        REAL["quote_id"] = [quote.pk, draft_quote.pk]
        refresh_vocabulary()
    yield
    with django_db_blocker.unblock():
        Quote.objects.all().delete()
        Article.objects.all().delete()
        for model in (Organisation, PolicyTerm, Person, Publication):
            model.objects.all().delete()
        refresh_vocabulary()


SEEN: Counter = Counter()


def send(client, method, path, query, fields):
    query_string = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in query)
    url = f"{path}?{query_string}" if query_string else path
    if method == "POST":
        body = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in fields)
        return url, client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
    return url, client.generic(method, url)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(request=requests())
@pytest.mark.django_db
def test_no_url_pattern_ever_answers_5xx_or_reflects_markup(fuzz_archive, request):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '5s'")  # as web requests have (config.settings)
    method, path, query, fields = request
    client = Client(raise_request_exception=False)
    url, response = send(client, method, path, query, fields)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    SEEN[response.status_code] += 1
    assert response.status_code in ALLOWED, (method, url, fields, response.status_code)
    content_type = response.get("Content-Type", "")
    if "html" in content_type or "xml" in content_type:
        assert CANARY.encode() not in body, (method, url, "reflected markup")
    if content_type.startswith("application/json"):
        assert response["X-Content-Type-Options"] == "nosniff"


def test_report_the_figures(fuzz_archive):
    """Runs after the fuzz test in the same module: what it saw, for docs/fuzzing.md."""
    if SEEN:
        total = sum(SEEN.values())
        statuses = dict(sorted(SEEN.items()))
        print(f"\nfuzz: {total} requests over {len(PATTERNS)} URL patterns; statuses {statuses}")
        assert total >= min(EXAMPLES, 100)


def test_every_pattern_is_fuzzed():
    names = {pattern.name for pattern in PATTERNS}
    assert {"quote_create", "quote_detail", "api_search", "feed_term", "export_search_csv"} <= names
    assert len(PATTERNS) >= 40  # walked from the URL configuration: a new route joins by itself
