"""The "follow and reuse" links of a search or a subject page: its Atom feed, JSON and CSV.

Each carries the page's own state (its search words and filters), so the feed,
the JSON and the spreadsheet hold what the reader is looking at.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from archive.views.exports import MAX_ROWS


@dataclass
class ReuseLinks:
    feed_url: str
    feed_title: str
    json_url: str
    csv_url: str
    capped: bool  # the CSV stops at MAX_ROWS
    max_rows: str = f"{MAX_ROWS:,}"  # as the page shows it


def _with(path: str, params: QueryDict) -> str:
    query = params.urlencode()
    return f"{path}?{query}" if query else path


def reuse_links(outcome, feed_path: str, feed_title: str) -> ReuseLinks:
    """``feed_path`` is the feed of the page's subject (its fixed filter is in the path)."""
    everything = outcome.state.filter_data()  # the page's parameters and its fixed subject
    everything.pop("page", None)
    for_feed = outcome.state.params.copy()
    for name in ("page", "sort"):  # a feed is always its newest first page
        for_feed.pop(name, None)
    return ReuseLinks(
        feed_url=_with(feed_path, for_feed),
        feed_title=feed_title,
        json_url=_with(reverse("api_search"), everything),
        csv_url=_with(reverse("export_search_csv"), everything),
        capped=outcome.total > MAX_ROWS,
    )
