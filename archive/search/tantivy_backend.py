"""The search backend on an embedded Tantivy index (BM25, positional phrases, columnar facets).

Readers in every process open the index read-only and reload when a writer
commits (Tantivy watches the index's meta file). Only the indexer writes
(archive.search.indexer, one at a time under a PostgreSQL advisory lock), and a
writer is opened for a batch and closed after it, so that a rebuild in another
process can take its turn.
"""

import shutil
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

import tantivy

from archive.search import background
from archive.search import schema as fields
from archive.search import tantivy_snippets as snippets
from archive.search.backend import (
    FACETS,
    FacetCounts,
    Highlight,
    SearchHit,
    SearchRequest,
    SearchResponse,
)
from archive.search.documents import UNDATED_NEWEST, UNDATED_OLDEST, Entry
from archive.search.query import AllOf, AnyOf, Phrase, Word, label_of
from archive.search.thesaurus import acronym_forms

VERSION_FILE = "archive-schema-version"
BUILT_FILE = "archive-built"  # written when a rebuild has committed: the index holds everything
ALL_VALUES = 1_000_000  # a terms aggregation this wide returns every value, so every count is exact
FACET_FIELDS = {name: name for name in FACETS}  # each facet's index field has its name
HIDDEN = "hidden"
# A piece tagged with a glossary entry its query names ranks as if the name were once more in a
# standfirst: a tag is the tagger's (and curators') judgment that the piece is about it.
TAG_BOOST = 3.0
# Relaxed hits are scored MATCHED_WORD per query word matched plus their BM25 score, which stays
# far below it, so that more words matched always comes first.
MATCHED_WORD = 1000.0


DATE_ORDERS = {"newest": tantivy.Order.Desc, "oldest": tantivy.Order.Asc}


class TantivyBackend:
    """``writer``: this process may create the index (and replace one of an older schema). Web
    workers are readers: until the indexer has made the index they search an empty one in
    memory, and look for the real one again at most once a second."""

    def __init__(self, path: Path, *, writer: bool = False):
        self.path = Path(path)
        self.writer_role = writer
        self.schema = fields.build_schema()
        self._analyzer = fields.analyzer()
        self._stop_words = fields.stop_word_filter()
        self._unfiltered = fields.unfiltered_analyzer()
        self._raw_words = fields.raw_words()
        self._lock = threading.Lock()  # one writer per process
        self._looked_at = 0.0
        self.on_disk = False
        self.created = self._open()

    # ----- the index on disk -----

    def _current(self) -> bool:
        version_file = self.path / VERSION_FILE
        return version_file.exists() and version_file.read_text().strip() == str(fields.SCHEMA_VERSION)

    def _open(self) -> bool:
        """Open the index; a writer creates it (empty) when absent or of another schema. True if created."""
        created = False
        if not self._current():
            if not self.writer_role:
                self.index = tantivy.Index(self.schema)  # empty, in memory, until the indexer has made one
                self._register_analyzers()
                self._looked_at = time.monotonic()
                return False
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir(parents=True, exist_ok=True)
            created = True
        self.index = tantivy.Index(self.schema, path=str(self.path), reuse=not created)
        self._register_analyzers()
        self.index.config_reader(reload_policy="commit")
        if created:
            (self.path / VERSION_FILE).write_text(f"{fields.SCHEMA_VERSION}\n")
        self.on_disk = True
        return created

    def _register_analyzers(self) -> None:
        self.index.register_tokenizer(fields.ANALYZER, self._analyzer)
        self.index.register_tokenizer(fields.PAIRS_ANALYZER, fields.pairs_analyzer())

    @property
    def built(self) -> bool:
        """A rebuild has committed here: the index holds every document (and the outbox the rest)."""
        return (self.path / BUILT_FILE).exists()

    def mark_built(self, count: int) -> None:
        (self.path / BUILT_FILE).write_text(f"{count}\n")

    @contextmanager
    def writer(self, heap_size: int = 64_000_000, threads: int = 1):
        """A writer for one batch: committed at the end (rolled back on error), then closed."""
        with self._lock:
            writer = self.index.writer(heap_size=heap_size, num_threads=threads)
            try:
                yield writer
            except BaseException:
                writer.rollback()
                writer.wait_merging_threads()
                raise
            writer.commit()
            writer.wait_merging_threads()  # releases the index's writer lock
        self.index.reload()

    def searcher(self) -> tantivy.Searcher:
        if not self.on_disk and time.monotonic() - self._looked_at > 1.0:
            self._open()
        return self.index.searcher()

    def catch_up(self) -> None:
        """Read the index's newest commit now (a reader otherwise reloads soon after a commit)."""
        if self.on_disk:
            self.index.reload()

    def num_docs(self) -> int:
        return self.searcher().num_docs

    # ----- writing -----

    def _document(self, entry: Entry) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_unsigned("key", fields.key_of(entry.kind, entry.pk))
        doc.add_text("kind", entry.kind)
        # Anything not published is "hidden" to readers' searches, whatever its status is called.
        doc.add_text("status", "published" if entry.status == "published" else HIDDEN)
        if entry.parent is not None:
            doc.add_unsigned("parent", entry.parent)
        for name, text in entry.text.items():
            if text:
                doc.add_text(name, text)
                doc.add_text(fields.WORD_PAIRS, self.word_pairs(text))
        for name in ("org", "term"):
            for value in getattr(entry, name):
                doc.add_unsigned(name, value)
        for slug in entry.author:
            doc.add_text("author", slug)
        if entry.publication is not None:
            doc.add_unsigned("publication", entry.publication)
        if entry.day is not None:
            doc.add_integer("year", entry.day.year)
            doc.add_integer("day", entry.day.toordinal())
        doc.add_integer("newest", entry.day.toordinal() if entry.day else UNDATED_NEWEST)
        doc.add_integer("oldest", entry.day.toordinal() if entry.day else UNDATED_OLDEST)
        return doc

    def apply(self, entries: list[Entry], deleted: dict[str, list[int]], comments_of: list[int] = ()) -> None:
        """Delete, then add, in one commit: a reader never sees a document missing halfway."""
        keys = [fields.key_of(kind, pk) for kind, ids in deleted.items() for pk in ids]
        keys += [fields.key_of(entry.kind, entry.pk) for entry in entries]
        with self.writer() as writer:
            # By query: deleting by an unsigned term does not match in tantivy-py 0.27.
            if comments_of:
                writer.delete_documents_by_query(
                    tantivy.Query.term_set_query(self.schema, "parent", list(comments_of))
                )
            if keys:
                writer.delete_documents_by_query(tantivy.Query.term_set_query(self.schema, "key", keys))
            for entry in entries:
                writer.add_document(self._document(entry))

    def index_entries(self, entries: list[Entry]) -> None:
        self.apply(entries, {})

    def delete(self, kind: str, ids: list[int], *, comments_of: list[int] = ()) -> None:
        self.apply([], {kind: list(ids)}, comments_of)

    def rebuild(self, entries, total: int, progress=None) -> int:
        count = 0
        (self.path / BUILT_FILE).unlink(missing_ok=True)
        with self.writer(heap_size=512_000_000, threads=2) as writer:
            writer.delete_all_documents()
            for entry in entries:
                writer.add_document(self._document(entry))
                count += 1
                if progress and count % 5000 == 0:
                    progress(count, total)
        self.mark_built(count)
        if progress:
            progress(count, total)
        return count

    def clear(self) -> None:
        with self.writer() as writer:
            writer.delete_all_documents()

    # ----- queries -----

    def tokens(self, text: str) -> list[str]:
        return self._analyzer.analyze(text)

    def word_pairs(self, text: str) -> str:
        """Each two adjacent words of ``text`` as the analyser makes them, as one term, a space
        apart; no pair spans a word the analyser removes (too long), as no phrase can."""
        words = self._unfiltered.analyze(text)
        # Stemming shortens a word by a dozen letters at most: when every stem is this short, no
        # word was over the limit (the common case, and quick to tell).
        if max(map(len, words), default=0) <= fields.LONGEST_WORD - 15:
            # fields.pair() of each two, joined in C: a third of the time of calling it per pair,
            # which was half of the time of making a document.
            return " ".join(map(fields.PAIR_JOINER.join, zip(words, words[1:], strict=False)))
        kept = [len(word) <= fields.LONGEST_WORD for word in self._raw_words.analyze(text)]
        return " ".join(
            fields.pair(words[place], words[place + 1])
            for place in range(len(words) - 1)
            if kept[place] and kept[place + 1]
        )

    def _phrase(self, tokens: list[str]) -> tantivy.Query:
        """Several words in this order, matched in word_pairs: two words are one pair, more are
        a phrase of their pairs ("a b c": "a_b" then "b_c", one place apart)."""
        pairs = [fields.pair(first, second) for first, second in zip(tokens, tokens[1:], strict=False)]
        if len(pairs) == 1:
            return tantivy.Query.term_query(self.schema, fields.WORD_PAIRS, pairs[0])
        return tantivy.Query.phrase_query(self.schema, fields.WORD_PAIRS, pairs)

    def _weighted_words(self, tokens: list[str]) -> list[tuple]:
        """Each word in each text field, weighted by the field (BOOSTS), as optional clauses."""
        return [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, name, token), boost),
            )
            for name, boost in fields.BOOSTS.items()
            for token in dict.fromkeys(tokens)
        ]

    def _across_fields(self, tokens: list[str]) -> tantivy.Query:
        """A word in any text field; a phrase (several tokens) in word_pairs, ranked by its words
        in each field (the match itself scores a constant)."""
        if len(tokens) == 1:
            return tantivy.Query.boolean_query(self._weighted_words(tokens))
        matched = tantivy.Query.const_score_query(self._phrase(tokens), 1.0)
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, matched), *self._weighted_words(tokens)])

    def _leaf(self, leaf: Word | Phrase) -> tantivy.Query | None:
        if isinstance(leaf, Word) and not self._stop_words.analyze(leaf.text):
            return None  # "the" alone searches for nothing, as before
        if isinstance(leaf, Word) and len(forms := acronym_forms(leaf.text)) > 1:
            found = [self._across_fields(tokens) for form in forms if (tokens := self.tokens(form))]
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in found])
        tokens = self.tokens(leaf.text)
        return self._across_fields(tokens) if tokens else None

    def _item(self, item) -> tantivy.Query | None:
        if isinstance(item, AllOf):  # an entry's name as typed, inside its AnyOf
            parts = [query for part in item.items if (query := self._item(part)) is not None]
            if not parts:
                return None
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, part) for part in parts])
        if isinstance(item, AnyOf):
            parts = [query for option in item.items if (query := self._item(option)) is not None]
            if not parts:
                return None
            either = tantivy.Query.boolean_query([(tantivy.Occur.Should, part) for part in parts])
            if not item.tags:
                return either
            tagged = [(tantivy.Occur.Should, self._tagged(facet, value)) for facet, value in item.tags]
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, either), *tagged])
        return self._leaf(item)

    def _tagged(self, facet: str, value: int) -> tantivy.Query:
        term = tantivy.Query.term_query(self.schema, FACET_FIELDS[facet], value)
        return tantivy.Query.const_score_query(term, TAG_BOOST)

    def text_query(self, tree: AllOf | None, *, positive_only: bool = False) -> tantivy.Query | None:
        """The tree as a Tantivy query; None when it has nothing to search for."""
        if tree is None:
            return None
        must = [query for item in tree.positive if (query := self._item(item)) is not None]
        if positive_only:
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must]) if must else None
        must_not = [query for item in tree.excluded if (query := self._leaf(item)) is not None]
        if not must and not must_not:
            return None
        clauses = [(tantivy.Occur.Must, query) for query in must] or [
            (tantivy.Occur.Must, tantivy.Query.all_query())
        ]
        clauses += [(tantivy.Occur.MustNot, query) for query in must_not]
        return tantivy.Query.boolean_query(clauses)

    def _relaxable(self, tree: AllOf | None) -> list[tuple[str, tantivy.Query]]:
        """The query's words (and OR groups, and glossary names) that relaxing may leave out,
        each with its label; quoted phrases are never left out."""
        if tree is None:
            return []
        return [
            (label_of(item), query)
            for item in tree.positive
            if not isinstance(item, Phrase) and (query := self._item(item)) is not None
        ]

    def relaxable(self, tree: AllOf | None) -> bool:
        return len(self._relaxable(tree)) >= 2

    def _relaxed_query(self, tree: AllOf) -> tantivy.Query | None:
        """Some but not all of the words, every phrase, none of the exclusions."""
        units = self._relaxable(tree)
        if len(units) < 2:
            return None
        some = []
        for _, unit in units:
            some.append((tantivy.Occur.Should, tantivy.Query.const_score_query(unit, MATCHED_WORD)))
            some.append((tantivy.Occur.Should, unit))
        every = tantivy.Query.boolean_query([(tantivy.Occur.Must, unit) for _, unit in units])
        clauses = [(tantivy.Occur.Must, tantivy.Query.boolean_query(some))]
        clauses += [
            (tantivy.Occur.Must, query)
            for item in tree.positive
            if isinstance(item, Phrase) and (query := self._leaf(item)) is not None
        ]
        excluded = [query for item in tree.excluded if (query := self._leaf(item)) is not None]
        clauses += [(tantivy.Occur.MustNot, query) for query in excluded]
        clauses.append((tantivy.Occur.MustNot, every))
        return tantivy.Query.boolean_query(clauses)

    def searchable(self, tree: AllOf) -> bool:
        return self.text_query(tree) is not None

    def _selection(self, name: str, values: list) -> tantivy.Query:
        return tantivy.Query.term_set_query(self.schema, FACET_FIELDS[name], list(values))

    def _filtered(self, request: SearchRequest, text, skip: str | None = None) -> tantivy.Query:
        clauses = []
        if text is not None:
            clauses.append((tantivy.Occur.Must, text))
        if request.date_from or request.date_to:
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        self.schema,
                        "day",
                        tantivy.FieldType.Integer,
                        request.date_from.toordinal() if request.date_from else -(10**7),
                        request.date_to.toordinal() if request.date_to else 10**8,
                    ),
                )
            )
        for name, values in request.fixed.items():
            clauses.append((tantivy.Occur.Must, self._selection(name, values)))
        for name, values in request.selected.items():
            if values and name != skip:
                clauses.append((tantivy.Occur.Must, self._selection(name, values)))
        if not clauses:
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        if not request.include_drafts:
            # Excluding the few drafts costs less than intersecting with every published document.
            hidden = tantivy.Query.term_query(self.schema, "status", HIDDEN)
            clauses.append((tantivy.Occur.MustNot, hidden))
        return tantivy.Query.boolean_query(clauses)

    def search(self, request: SearchRequest) -> SearchResponse:
        return self._search(request, self.text_query(request.query))

    def relaxed_search(self, request: SearchRequest) -> SearchResponse:
        if request.query is None or not self.relaxable(request.query):
            return SearchResponse(total=0, hits=[])
        return self._search(replace(request, sort="relevance"), self._relaxed_query(request.query))

    def missing_words(self, query: AllOf, hits: list[SearchHit]) -> list[tuple[str, ...]]:
        """One query per word, over these hits only."""
        if not hits:
            return []
        searcher = self.searcher()
        keys = [fields.key_of(hit.kind, hit.pk) for hit in hits]
        among = tantivy.Query.term_set_query(self.schema, "key", keys)
        missing = {key: [] for key in keys}
        for label, unit in self._relaxable(query):
            both = tantivy.Query.boolean_query([(tantivy.Occur.Must, unit), (tantivy.Occur.Must, among)])
            found = searcher.search(both, len(keys), count=False).hits
            addresses = [address for _, address in found]
            having = set(searcher.fast_field_values("key", addresses)) if addresses else set()
            for key in keys:
                if key not in having:
                    missing[key].append(label)
        return [tuple(missing[key]) for key in keys]

    def _search(self, request: SearchRequest, text: tantivy.Query | None) -> SearchResponse:
        """``text``: the words' query (None: a browse), within the request's filters."""
        searcher = self.searcher()
        query = self._filtered(request, text)
        # Counted first: the counts are worked out on other threads while this one finds the hits.
        facets = {}
        if request.facets:
            facets = self._facets(searcher, request, text, query)
        limit = max(1, request.limit)
        if request.sort in DATE_ORDERS:  # each sort field puts undated documents last
            found = searcher.search(
                query,
                limit,
                count=True,
                order_by_field=request.sort,
                offset=request.offset,
                order=DATE_ORDERS[request.sort],
            )
        else:
            found = searcher.search(query, limit, count=True, offset=request.offset)
        rows = found.hits[: request.limit]
        addresses = [address for _, address in rows]
        keys = searcher.fast_field_values("key", addresses) if addresses else []
        hits = []
        for (score, _), key in zip(rows, keys, strict=True):
            kind, pk = fields.from_key(key)
            hits.append(SearchHit(kind, pk, float(score) if request.sort == "relevance" else 0.0))
        return SearchResponse(total=found.count, hits=hits, facets=facets)

    def highlight(self, query: AllOf, texts: list[dict[str, str]]) -> list[Highlight]:
        positive = self.text_query(query, positive_only=True)
        if positive is None:  # only exclusions: nothing to mark
            return [Highlight(None, None, None) for _ in texts]
        return snippets.highlight(self.schema, self.searcher(), positive, texts)

    def count(self, request: SearchRequest) -> int:
        return self.searcher().search(self._filtered(request, self.text_query(request.query)), 1).count

    def matching_ids(self, request: SearchRequest, kind: str) -> list[int]:
        """Every matching document's id of one kind (the admin's search reads ids)."""
        searcher = self.searcher()
        query = self._filtered(request, self.text_query(request.query))
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, query),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "kind", kind)),
            ]
        )
        total = searcher.search(query, 1).count
        if not total:
            return []
        addresses = [address for _, address in searcher.search(query, total, count=False).hits]
        return [fields.from_key(key)[1] for key in searcher.fast_field_values("key", addresses)]

    # ----- facets -----

    def _facets(
        self, searcher, request: SearchRequest, text: tantivy.Query | None, everything: tantivy.Query
    ) -> background.PendingCounts:
        """Each facet counted under every selection but its own: the unselected facets in one
        aggregation, each selected facet in one of its own, all on other threads
        (archive.search.background)."""
        wanted = [name for name in request.facets if name in FACETS]
        plain = [name for name in wanted if not request.selected.get(name)]
        # A browse has no words to match, so an aggregation's time is all in reading its
        # columns: one a facet lets the threads share them. A search's would each match its
        # words again, so its unselected facets stay together.
        if text is None:
            runs = [(everything, [name]) for name in plain]
        else:
            runs = [(everything, plain)] if plain else []
        for name in wanted:
            if request.selected.get(name):
                runs.append((self._filtered(request, text, skip=name), [name]))
        counts = [
            # A selected facet's run also counts its hits: what removing its selection gives.
            partial(_count_values, searcher, query, names, count_hits=bool(request.selected.get(names[0])))
            for query, names in runs
        ]
        return background.PendingCounts([background.start(work) for work in counts])


HITS = "_hits"  # an aggregation's name that no facet has


def _count_values(
    searcher, query: tantivy.Query, names: list[str], count_hits: bool = False
) -> dict[str, FacetCounts]:
    """Every value's exact count of each facet in ``names`` among the documents ``query`` matches;
    ``count_hits``: with the number of those documents (of one facet's run)."""
    aggregations = {
        name: {"terms": {"field": FACET_FIELDS[name], "size": ALL_VALUES, "segment_size": ALL_VALUES}}
        for name in names
    }
    if count_hits:
        aggregations[HITS] = {"value_count": {"field": "key"}}  # every document has one key
    answer = searcher.aggregate(query, aggregations)
    result = {}
    for name in names:
        buckets = answer.get(name, {}).get("buckets", [])
        result[name] = FacetCounts(Counter({bucket["key"]: bucket["doc_count"] for bucket in buckets}))
    if count_hits:
        result[names[0]].hits_without_selection = int(answer[HITS]["value"])
    return result
