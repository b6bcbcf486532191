"""The search backend's interface: what the rest of the archive may ask of a search engine.

One implementation today (archive.search.tantivy_backend, an embedded index on
this machine). A deployment that outgrows one machine can put a distributed
engine behind the same methods (an OpenSearch index with the same fields,
its terms aggregations for the facets), and the indexer (archive.search.indexer)
feeds it from the same outbox. Requests and answers are plain data.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from archive.search import facet_list
from archive.search.documents import Entry
from archive.search.query import AllOf

FACETS = facet_list.NAMES


@dataclass
class SearchRequest:
    query: AllOf | None  # None: every document (a browse)
    # Facet selections (value lists; several values in one facet mean OR, facets AND):
    # kind ("article"/"comment"), org/term/publication (ids), author (slugs), year (ints).
    selected: dict[str, list] = field(default_factory=dict)
    fixed: dict[str, list] = field(default_factory=dict)  # a page's subject: applied, never removed
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # or "newest", "oldest"
    offset: int = 0
    limit: int = 20
    facets: list[str] = field(default_factory=list)  # which facets to count
    facet_size: int = 50  # values kept per facet (every selected value too)
    include_drafts: bool = False  # the admin's search only


@dataclass
class Highlight:
    title_html: str | None  # escaped, with <mark>; None when the title has no match
    snippet_html: str | None
    snippet_text: str | None


@dataclass
class SearchHit:
    kind: str
    pk: int
    score: float


@dataclass
class FacetCounts:
    counts: Counter  # value -> exact number of hits that choosing it gives
    others: int = 0  # further values with hits, not in counts
    # For a selected facet: the number of hits under every selection but its own, which is what
    # removing the facet's selection gives (counted with its values, at no extra cost).
    hits_without_selection: int | None = None


@dataclass
class SearchResponse:
    total: int  # exact
    hits: list[SearchHit]
    facets: dict[str, FacetCounts] = field(default_factory=dict)


class SearchBackend(Protocol):
    def index(self, entries: list[Entry]) -> None:
        """Add or replace these documents (committed before returning)."""

    def delete(self, kind: str, ids: list[int], *, comments_of: list[int] = ()) -> None:
        """Remove documents, and every comment of the articles ``comments_of``."""

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def relaxed_search(self, request: SearchRequest) -> SearchResponse:
        """The pieces matching some but not all of the query's words (its quoted phrases and
        exclusions always hold), those matching the most words first, then by rank. Counted and
        faceted like ``search``; which words each hit lacks, ``missing_words`` says."""

    def missing_words(self, query: AllOf, hits: list[SearchHit]) -> list[tuple[str, ...]]:
        """For each of ``hits`` (``relaxed_search``'s), the query's words (as labelled for the
        reader) that it lacks."""

    def highlight(self, query: AllOf, texts: list[dict[str, str]]) -> list[Highlight]:
        """Each hit's title and best fragment with the query's words marked, cut from its texts
        as PostgreSQL holds them (field name -> text: an article's title, standfirst and body, a
        comment's comment); the index stores no text."""

    def suggest(self, text: str) -> str | None:
        """The query with words the archive does not have replaced by near ones."""

    def rebuild(self, entries, total: int, progress=None) -> int:
        """Replace everything with ``entries``; returns the number indexed."""
