"""The search's facets, declared once: every other part of search reads this list.

A facet is a GET parameter (``name``), a heading on the page (``label``), the
words that put a chosen value in the search's one-sentence description
(``described_as``; the kind has its own wording), whether the index holds its
values as ids of a table (``by_id``: the URL names them by slug), and a columnar
field of the search index of the same name (archive.search.schema). Adding one: a line here,
its field in the schema and its values in archive.search.documents, and how its
URL values are checked in archive.filters.HitFilterSet.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FacetKind:
    name: str
    label: str
    described_as: str
    by_id: bool = False


FACETS = (  # in the order the page shows them
    FacetKind("kind", "Kind", ""),
    FacetKind("org", "Body", "mentioning", by_id=True),
    FacetKind("term", "Topic", "about", by_id=True),
    FacetKind("author", "Author", "by"),
    FacetKind("publication", "Publication", "in", by_id=True),
    FacetKind("year", "Year", "in"),
)
NAMES = [facet.name for facet in FACETS]
LABELS = [(facet.name, facet.label) for facet in FACETS]
BY_ID = [facet.name for facet in FACETS if facet.by_id]  # org, term, publication
