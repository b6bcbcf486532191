"""CSV export of a search, read back with the csv module: the page's hits, a cap, no formulas."""

import csv
import io

import pytest

from archive.views import exports, shared
from archive.views.exports import COLUMNS, safe_cell
from tests.reuse_data import DRAFT_WORDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(reuse_archive):
    return reuse_archive


@pytest.fixture
def _search_index(reuse_archive_indexed, kept_search_index):
    """The reuse archive (the module's first test makes it, and every later one runs beside it)
    indexed once for the module and kept between its tests (tests/conftest.py,
    `kept_search_index`), instead of emptied and filled again by each."""


def download(client, query_string=""):
    response = client.get(f"/export/search.csv?{query_string}")
    assert response.status_code == 200
    assert response.streaming  # written row by row, never held whole
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gp-contract-archive-search.csv"'
    text = b"".join(response.streaming_content).decode()
    return response, list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    "query_string", ["", "q=fund", "q=fund&sort=oldest", "kind=comment", "term=resilience-fund"]
)
def test_the_rows_are_the_searchs_hits_in_order(client, archive, query_string):
    _, rows = download(client, query_string)
    assert rows[0] == COLUMNS
    data = client.get(f"/api/search/?{query_string}").json()
    assert [(row[0], int(row[1]), row[2]) for row in rows[1:]] == [
        (hit["kind"], hit["id"], hit["url"]) for hit in data["hits"]
    ]


def test_a_row_says_what_the_page_says(client, archive):
    _, rows = download(client, "q=fund&kind=article")
    records = {row[2]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    dated = records["http://testserver/articles/alliance-warns/"]
    assert dated["authors"] == "Dr Imogen Testwell; Sam Example"
    assert dated["publication"] == "The Practice Gazette" and dated["date"] == "2024-05-01"
    assert dated["organisations"] == "wpa" and dated["topics"] == "resilience-fund"
    inferred = records["http://testserver/articles/practice-manager-notes/"]
    assert inferred["date"] == "2023-04" and inferred["date_display"] == "c. April 2023"  # no made-up day
    assert inferred["authors"] == "" and inferred["publication"] == ""
    assert records["http://testserver/articles/undated-essay/"]["date"] == ""


def test_cells_that_a_spreadsheet_would_run_are_made_text(client, archive):
    _, rows = download(client, "kind=comment")
    comment = next(row for row in rows[1:] if row[1] == str(archive["formula_comment"].pk))
    record = dict(zip(COLUMNS, comment, strict=True))
    assert record["authors"] == "'=cmd|' /C calc'!A0"
    assert record["snippet"] == '\'=HYPERLINK("http://evil.example", "click")'
    assert not any(cell.startswith(exports.FORMULA_STARTS) for row in rows for cell in row)


@pytest.mark.parametrize(
    "value, safe",
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
    ],
)
def test_safe_cell(value, safe):
    assert safe_cell(value) == safe
    assert safe_cell(42) == 42  # ids stay numbers


def test_a_capped_export_says_so(client, archive, monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROWS", 3)
    response, rows = download(client)
    assert response["X-Export-Capped"] == "3 of 5"
    assert len(rows) == 1 + 3 + 1
    assert rows[-1] == [
        "# Export stopped at 3 rows of 5: narrow the search (a date range, a topic) to export the rest."
    ]
    _, uncapped = download(client, "kind=article")
    assert len(uncapped) == 1 + 3 and not uncapped[-1][0].startswith("#")


def test_the_search_page_links_to_the_export_and_warns_of_the_cap(client, archive, monkeypatch):
    html = client.get("/search/?q=fund&page=1").content.decode()
    assert 'href="/export/search.csv?q=fund" download>CSV</a>' in html
    assert "the CSV holds the first" not in html
    monkeypatch.setattr(shared, "MAX_ROWS", 2)
    assert "the CSV holds the first" in client.get("/search/?q=fund").content.decode()
    topic = client.get("/topics/resilience-fund/").content.decode()
    assert 'href="/export/search.csv?term=resilience-fund" download>CSV</a>' in topic


def test_drafts_are_never_exported(client, archive):
    _, rows = download(client)
    text = "\n".join(",".join(row) for row in rows)
    assert DRAFT_WORDS not in text and "secret-draft" not in text
    _, rows = download(client, f"q={DRAFT_WORDS}")
    assert rows == [COLUMNS]


@pytest.mark.parametrize(
    "query_string", ["page=abc", "year=abc", "q=%3Cscript%3E", "from=2024-02-30", "org=x" * 30]
)
def test_bad_parameters_never_break_the_export(client, archive, query_string):
    response = client.get(f"/export/search.csv?{query_string}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"kind,id,url")


def test_what_no_export_can_use_is_a_plain_text_400(client, archive):
    for query_string in ("page=%C2%B2", "org=%00", "q=a%1Bb"):
        response = client.get(f"/export/search.csv?{query_string}")
        assert response.status_code == 400 and response["Content-Type"] == "text/plain; charset=utf-8"
