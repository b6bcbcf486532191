"""CSV export of any search: /export/search.csv?<the parameters of /search/>.

Streamed row by row (StreamingHttpResponse with csv.writer), so a large export
never sits in memory, and capped at MAX_ROWS: past the cap the response says
so in a header (X-Export-Capped) and in a last row, and the search page warns
before the download.

The hits come from the same search as the page (run_search decides the order and
validates every parameter; the export reads on from its request, a batch at a
time), and the rows from the same hit records as the JSON.
"""

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.urls import reverse

from archive.api.http import public_read
from archive.search.engine import matching_hits, run_search
from archive.views.shared import MAX_ROWS

BATCH = 200
COLUMNS = [
    "kind",
    "id",
    "url",
    "title",
    "date",
    "date_display",
    "authors",
    "publication",
    "article_title",
    "article_url",
    "snippet",
    "organisations",
    "topics",
]
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection:
# "=HYPERLINK(...)" in a reader's comment). A leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def hit_row(hit, absolute) -> list:
    """One CSV row (a piece's date is to its known precision: "2023-04", never a made-up day)."""
    publication = hit.publication[0] if hit.publication else ""
    return [
        hit.kind,
        hit.pk,
        absolute(hit.url),
        hit.title,
        hit.date_iso or "",
        hit.date_display,
        "; ".join(name for name, _ in hit.authors),
        publication,
        hit.article_title,
        absolute(hit.article_url),
        " ".join(hit.snippet_text.split()),
        "; ".join(organisation.slug for organisation in hit.organisations),
        "; ".join(term.slug for term in hit.terms),
    ]


class Echo:
    """csv.writer writes to this and gets each line back, for streaming."""

    def write(self, value):
        return value


def csv_lines(outcome, absolute, capped_note: str) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield writer.writerow(COLUMNS)
    for offset in range(0, min(outcome.total, MAX_ROWS), BATCH):
        for hit in matching_hits(outcome, min(BATCH, MAX_ROWS - offset), offset):
            yield writer.writerow([safe_cell(value) for value in hit_row(hit, absolute)])
    if capped_note:
        yield writer.writerow([safe_cell(capped_note)])


@public_read
def search_csv(request):
    params = request.GET.copy()
    params.pop("page", None)  # the export is every page
    outcome = run_search(params, reverse("search"), relax=False)  # every word, as the feed
    capped = outcome.total > MAX_ROWS
    note = (
        f"# Export stopped at {MAX_ROWS:,} rows of {outcome.total:,}: "
        "narrow the search (a date range, a topic) to export the rest."
        if capped
        else ""
    )
    response = StreamingHttpResponse(
        csv_lines(outcome, request.build_absolute_uri, note),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="gp-contract-archive-search.csv"'
    if capped:
        response["X-Export-Capped"] = f"{MAX_ROWS} of {outcome.total}"
    return response
