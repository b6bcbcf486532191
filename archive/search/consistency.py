"""Whether the search index holds what PostgreSQL says it should (manage.py check_search_index).

Every document's key, date, publication and status are compared; words are
not (they come from the same rows, written by the same code, in the same batch).
"""

from dataclasses import dataclass, field

import tantivy

from archive.search import documents, indexer
from archive.search import schema as fields


@dataclass
class Report:
    expected: int = 0
    indexed: int = 0
    pending: int = 0
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    stale: list = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.pending)


def _signature(entry) -> tuple:
    day = entry.day.toordinal() if entry.day else documents.UNDATED_NEWEST
    return day, entry.publication, entry.status == "published"


def compare(backend) -> Report:
    report = Report(pending=indexer.pending())
    from django.db import transaction

    with transaction.atomic():
        expected = {
            fields.key_of(entry.kind, entry.pk): _signature(entry) for entry in documents.every_entry()
        }
    searcher = backend.searcher()
    report.expected, report.indexed = len(expected), searcher.num_docs
    indexed = {}
    if searcher.num_docs:
        addresses = [
            address
            for _, address in searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False).hits
        ]
        keys = searcher.fast_field_values("key", addresses)
        days = searcher.fast_field_values("newest", addresses)
        publications = searcher.fast_field_values("publication", addresses)
        published_query = tantivy.Query.term_query(backend.schema, "status", "published")
        published_count = searcher.search(published_query, 1).count
        published = {
            key
            for key in searcher.fast_field_values(
                "key",
                [address for _, address in searcher.search(published_query, max(1, published_count)).hits],
            )
        }
        for key, day, publication in zip(keys, days, publications, strict=True):
            indexed[key] = (day, publication, key in published)
    report.missing = [fields.from_key(key) for key in sorted(expected.keys() - indexed.keys())]
    report.extra = [fields.from_key(key) for key in sorted(indexed.keys() - expected.keys())]
    report.stale = [
        fields.from_key(key)
        for key in sorted(expected.keys() & indexed.keys())
        if expected[key] != indexed[key]
    ]
    return report
