"""Hostile text in the archive is never live markup; oversized input is refused clearly. (Every URL
pattern with generated input: tests/test_fuzz.py.)"""

import pytest

from archive.search.vocabulary import refresh_vocabulary
from archive.services.quotes import make_quote
from archive.services.tagging import tag_article
from tests.factories import make_article, make_comment, make_organisation, make_person, make_term

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'; DROP TABLE archive_article; --",
    "' OR '1'='1",
    "%00",
    "\x00",
    "&&||!!((:*<->",
    "\\",
    "../../etc/passwd",
    "a" * 3000,
    "😀" * 50,
    "-1",
    "0",
    "99999999999999999999",
    "2023-02-30",
    "NaN",
]


@pytest.fixture(scope="module")
def hostile_archive(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        make_organisation("Integrated care boards", "ICB", slug="icbs")
        make_term("Advice and Guidance", "A&G", slug="advice-and-guidance")
        make_person("<script>alert('person')</script>", slug="hostile-person")
        article = make_article(
            "<script>alert('title')</script> ICB and A&G",
            slug="hostile",
            body="<img src=x onerror=alert('body')> The ICB said <b>no</b> to A&G. ' OR 1=1 --",
            standfirst="<svg onload=alert('standfirst')>",
        )
        make_comment(
            article, "<iframe src=javascript:alert('author')>", "<script>alert('comment')</script> A&G."
        )
        tag_article(article)
        make_quote(article, None, "The ICB said <b>no</b> to A&G.")
        refresh_vocabulary()
    yield
    with django_db_blocker.unblock():
        from archive.models import Article, Organisation, Person, PolicyTerm, Quote

        Quote.objects.all().delete()
        Article.objects.all().delete()
        for model in (Organisation, PolicyTerm, Person):
            model.objects.all().delete()
        refresh_vocabulary()


@pytest.mark.django_db
def test_markup_is_inert_in_every_page(hostile_archive, client):
    pages = [
        "/",
        "/articles/hostile/",
        "/search/?q=ICB",
        "/search/?q=%3Cscript%3Ealert(9)%3C/script%3E",
        "/people/hostile-person/",
        "/organisations/icbs/",
    ]
    for page in pages:
        html = client.get(page).content.decode()
        for live in ["<script>alert", "<img src=x", "<svg onload", "<iframe", "<b>no</b>"]:
            assert live not in html, (page, live)
    # JSON carries the text as data (never sniffed as HTML); its ready-made HTML is escaped.
    response = client.get("/api/search/?q=ICB")
    assert response["Content-Type"] == "application/json" and response["X-Content-Type-Options"] == "nosniff"
    for hit in response.json()["hits"]:
        assert "<script" not in hit["snippet_html"] and "<img" not in hit["snippet_html"]


@pytest.mark.django_db
def test_oversized_inputs_are_refused_clearly(hostile_archive, client):
    html = client.get("/search/", {"q": "ICB " * 2000}).content.decode()
    assert "shortened to its first 500 characters" in html
    response = client.post("/q/", {"article": "hostile", "exact": "x" * 100_000})
    assert response.status_code == 400 and "at most 2000 characters" in response.json()["error"]
