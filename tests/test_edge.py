"""Requests no view can use are refused at the door (archive/edge.py): never a 500 (issue 17)."""

from django.db import transaction
from django.test import Client

import pytest

from archive.edge import refusal_for_fields, refusal_for_method, refusal_for_path
from archive.models import Quote
from archive.services.quotes import make_quote
from tests.factories import make_article, make_comment, make_organisation, make_term

pytestmark = pytest.mark.django_db

BODY = "Practices in the invented county were told to refer less. The LMC said no to that."


@pytest.fixture(scope="module")
def _quote_rows(django_db_setup, django_db_blocker):
    """Made once for the module, in a transaction rolled back after it (each test rolls back to
    its own savepoint inside, so each still starts from exactly these rows): they were about 20 ms
    of each of 50 tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        make_term("Advice and Guidance", "A&G", slug="advice-and-guidance")
        make_organisation("Integrated care boards", "ICB", slug="icbs")
        article = make_article("Practices told to refer less", slug="refer-less", body=BODY)
        make_comment(article, "Dr Invented", "A comment of an invented reader.")
        quote, _ = make_quote(article, None, "The LMC said no to that.")
        with django_db_blocker.block():
            yield quote.pk
        transaction.set_rollback(True)


@pytest.fixture
def archive_with_a_quote(_quote_rows, db):
    return Quote.objects.get(pk=_quote_rows)  # each test's own, read again


# Each of these answered 500 before (issue 17); the kind of error body each address speaks.
ONCE_500 = [
    ("/search/?org=%00", "html"),
    ("/search/?term=%00", "html"),
    ("/search/?publication=%00", "html"),
    ("/api/search/?org=%00", "json"),
    ("/api/search/?term=%00", "json"),
    ("/feeds/search/?org=%00", "text"),
    ("/export/search.csv?publication=%00", "text"),
    ("/topics/advice-and-guidance/?org=%00", "html"),
    ("/organisations/icbs/?term=%00", "html"),
    ("/feeds/topics/advice-and-guidance/?org=%00", "text"),
    ("/feeds/organisations/icbs/?publication=%00", "text"),
    ("/q/%00", "html"),
    ("/q/%00/citation.bib", "text"),
    ("/q/%00/citation.ris", "text"),
    ("/q/%00/citation.json", "text"),
    ("/api/quotes/%00/", "json"),
]
CONTENT_TYPES = {"html": "text/html", "json": "application/json", "text": "text/plain"}


@pytest.mark.parametrize("url,speaks", ONCE_500)
def test_a_nul_anywhere_is_a_clear_400_in_the_address_own_form(archive_with_a_quote, url, speaks):
    client = Client(raise_request_exception=False)
    for method in (client.get, client.head):
        response = method(url)
        assert response.status_code == 400, (url, method)
        assert response["Content-Type"].startswith(CONTENT_TYPES[speaks]), url
    body = client.get(url).content.decode()
    assert "control characters" in body or "characters no address" in body
    if speaks == "json":
        assert "error" in client.get(url).json()


@pytest.mark.parametrize(
    "data",
    [
        {"article": "\x00", "exact": "abc"},
        {"article": "refer-less", "comment": "²", "exact": "The LMC said no to that."},
        {"article": "refer-less", "comment": "١", "exact": "The LMC said no to that."},
        {"article": "refer-less", "exact": "The LMC\x00 said no"},
        {"article": "refer-less", "exact": "The LMC said no to that.", "prefix": "\x07"},
        {"article": "refer less", "exact": "The LMC said no to that."},
        {"article": "refer-less", "exact": "The LMC said no to that.", "suffix": "x" * 501},
    ],
)
def test_quote_requests_are_validated_as_a_form(archive_with_a_quote, data):
    response = Client(raise_request_exception=False).post("/q/", data)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_a_comment_id_in_ascii_digits_still_works(archive_with_a_quote):
    comment = archive_with_a_quote.article.comments.get()
    response = Client().post(
        "/q/", {"article": "refer-less", "comment": str(comment.pk), "exact": "invented reader"}
    )
    assert response.status_code == 201


@pytest.mark.parametrize("name", ["page", "year", "from", "to"])
@pytest.mark.parametrize("digits", ["²", "١٢", "٢٠٢٣-٠١-٠١", "2023-0①-01"])
def test_digits_other_than_0_to_9_are_refused(archive_with_a_quote, name, digits):
    for path in ("/search/", "/api/search/", "/feeds/search/"):
        response = Client(raise_request_exception=False).get(path, {name: digits})
        assert response.status_code == 400, (path, name, digits)


def test_nothing_sent_is_echoed_in_a_refusal(archive_with_a_quote):
    client = Client()
    for url in ("/search/?q=%3Cscript%3Ealert(1)%3C/script%3E%00", "/search/?%3Cb%3Ex%00=1"):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<b>x" not in body and "&lt;script" not in body


def test_over_long_values_and_paths(archive_with_a_quote):
    client = Client()
    assert client.get("/search/", {"q": "x" * 10_001}).status_code == 400
    assert client.get("/search/", {"q": "ICB " * 2000}).status_code == 200  # shortened, with a note
    assert client.get("/articles/" + "a" * 1200 + "/").status_code == 414


def test_tabs_and_line_breaks_in_a_search_are_fine(archive_with_a_quote):
    assert Client().get("/search/", {"q": "refer\tless\r\n"}).status_code == 200


def test_a_cookie_with_a_nul_is_ignored_not_looked_up(archive_with_a_quote):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "\x00" + "a" * 31
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 302  # to the log-in page


UNUSED = ["TRACE", "PUT", "PATCH", "DELETE", "CONNECT", "PROPFIND", "FOO"]
EVERYWHERE = [
    "/",
    "/search/",
    "/api/search/",
    "/api/",
    "/feeds/latest/",
    "/sitemap.xml",
    "/robots.txt",
    "/q/",
    "/q/abc",
    "/articles/refer-less/",
    "/export/search.csv",
    "/admin/",
    "/static/css/site.css",
    "/no/such/page/",
]


@pytest.mark.parametrize("method", UNUSED)
def test_unused_methods_are_405_everywhere(archive_with_a_quote, method):
    client = Client(raise_request_exception=False)
    for url in EVERYWHERE:
        response = client.generic(method, url)
        assert response.status_code == 405, (method, url, response.status_code)
        assert "POST" not in response["Allow"] and "GET" in response["Allow"]


def test_post_is_405_where_no_view_takes_it(archive_with_a_quote):
    client = Client(raise_request_exception=False)
    quote = archive_with_a_quote
    for url in [
        "/",
        "/search/",
        "/sitemap.xml",
        "/robots.txt",
        f"/q/{quote.pk}",
        f"/q/{quote.pk}/citation.bib",
        "/articles/refer-less/",
        "/articles/refer-less/citation.ris",
        "/articles/refer-less/revisions/",
        "/people/",
        "/data/",
    ]:
        assert client.post(url).status_code == 405, url
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 200
    quote_again = {"article": "refer-less", "exact": "The LMC said no to that."}
    assert client.post("/q/", quote_again).status_code == 200


def test_the_checks_themselves():
    assert refusal_for_method("TRACE").status == 405 and refusal_for_method("HEAD") is None
    assert refusal_for_path("/q/abc") is None and refusal_for_path("/q/a\x00").status == 400
    assert refusal_for_path("/q/a\tb").status == 400  # no address has a tab
    assert refusal_for_path("/" + "a" * 1001).status == 414
    assert refusal_for_fields([("q", "Advice and Guidance — ünïcode ✓\n")]) is None
    assert refusal_for_fields([("page", "12")]) is None and refusal_for_fields([("page", "1²")]).status == 400
    for bad in ("\x00", "\x1b[31m", "\x7f", "\x85", "\ufffe", "\ud800"):
        assert refusal_for_fields([("q", f"a{bad}b")]).status == 400, repr(bad)
