"""The search: one function that the HTML page, the JSON API, the feeds, the CSV export and
the subject pages share.

The query is parsed once (archive.search.query), the filters are cleaned once
(archive.filters.HitFilterSet), and one request goes to the search backend
(archive.search.backend), which ranks by BM25 and counts every hit and every
facet value exactly. PostgreSQL then supplies what the page shows of each hit.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial

from django.http import Http404, QueryDict
from django.utils.formats import date_format

from archive.filters import HitFilterSet, ignored_parameters
from archive.models import Article
from archive.search import background, facet_list, facets
from archive.search.backend import FACETS as FACET_NAMES
from archive.search.backend import SearchRequest
from archive.search.cache import one_data_version
from archive.search.charts import YearChart, year_chart
from archive.search.expansion import expand
from archive.search.glossary_thesaurus import current_glossary
from archive.search.grouping import HitGroup, group_hits
from archive.search.hits import Hit, HitRow, hits_from_rows, read_hit_rows, snippet_texts
from archive.search.indexer import holds_everything, reading_backend
from archive.search.query import MAX_QUERY_CHARACTERS, AllOf, clean_query_text, parse
from archive.search.state import SearchState
from archive.search.suggestions import suggest
from archive.search.tallies import KEPT_VALUES, label_selected, tallies
from archive.search.thesaurus import literal_query

PAGE_SIZE = 20
SORTS = {"relevance": "most relevant first", "newest": "newest first", "oldest": "oldest first"}
FACETS = facet_list.LABELS  # (parameter, label), in the order the page shows them


@dataclass
class RemovalHint:
    label: str
    url: str
    total: int


@dataclass
class ExpansionNote:
    """What a query word was expanded to, with the search for that word alone."""

    description: str  # "PCN: also primary care network(s)"
    matched: str
    alternatives: list[str]
    literal_query: str  # "=PCN"
    literal_url: str


@dataclass
class SearchOutcome:
    state: SearchState
    query_text: str
    hits: list[Hit]
    total: int
    page: int
    num_pages: int
    sort: str
    facets: dict[str, facets.Facet]
    notes: list[str] = field(default_factory=list)
    suggestion: str | None = None
    suggestion_url: str | None = None
    removal_hints: list[RemovalHint] = field(default_factory=list)
    chart: YearChart | None = None
    dates: dict[str, date] = field(default_factory=dict)  # the valid "from" and "to"
    estimated: bool = False  # never: every count is exact (kept in the JSON for its readers)
    description: str = ""
    query: AllOf | None = None  # the parsed words; None for a browse
    # The backend request that found the hits (the CSV export reads on from it).
    request: SearchRequest | None = None
    # When the words all together find less than a page: pieces with some of them, after.
    relaxed_hits: list[Hit] = field(default_factory=list)
    relaxed_total: int = 0
    facets_count: str = "all"  # which set the facet counts describe: "all" the words, or "some"
    expansions: list[ExpansionNote] = field(default_factory=list)

    @property
    def relaxed(self) -> bool:
        return bool(self.relaxed_hits)

    @cached_property
    def groups(self) -> list[HitGroup]:
        """The page's hits with several of one article's comments gathered under it."""
        return group_hits(self.hits)

    @cached_property
    def relaxed_groups(self) -> list[HitGroup]:
        return group_hits(self.relaxed_hits)

    @property
    def pieces_on_page(self) -> int:
        return len(self.groups) + len(self.relaxed_groups)

    @cached_property
    def chips(self) -> list[tuple[str, facets.FacetValue]]:
        """Selected values, each with its facet's label, for the removable chips."""
        return [
            (facet.label, value)
            for facet in self.facets.values()
            for value in facet.selected
            if self.state.fixed.get(facet.name) != value.value
        ]

    @cached_property
    def date_chips(self) -> list[tuple[str, str, str]]:
        return [
            (label, value, self.state.without_url(name))
            for name, label in (("from", "From"), ("to", "To"))
            if (value := self.state.params.get(name))
        ]

    def page_url(self, number: int) -> str:
        return self.state.page_url(number)

    def hidden_fields(self, *leave_out: str) -> list[tuple[str, str]]:
        """The state as hidden inputs for a form that changes only ``leave_out`` (and the page)."""
        return [
            (name, value)
            for name, values in self.state.params.lists()
            if name not in (*leave_out, "page")
            for value in values
        ]

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def hidden_for_query(self):
        return self.hidden_fields("q")

    @property
    def hidden_for_dates(self):
        return self.hidden_fields("from", "to")

    @property
    def hidden_for_sort(self):
        return self.hidden_fields("sort")

    @cached_property
    def visible_facets(self) -> list[facets.Facet]:
        return [facet for name, facet in self.facets.items() if name not in self.state.fixed]


INDEX_BEING_BUILT = (
    "The search index is still being built, so some pieces may be missing: try again in a few minutes."
)


@one_data_version
def run_search(
    data: QueryDict,
    path: str,
    fixed: dict[str, str] | None = None,
    *,
    every_value_of: str = "",
    relax: bool = True,
) -> SearchOutcome:
    """``every_value_of`` names a facet whose values are all kept and shown (its "show all" page).
    ``relax``: continue a short first page with pieces matching some of the words (the feeds and
    the CSV export, which list what matches, do not)."""
    state = SearchState(data, path, fixed)
    notes: list[str] = []
    backend = reading_backend()
    query_text = clean_query_text(state.params.get("q", ""))
    if len(state.params.get("q", "")) > MAX_QUERY_CHARACTERS:
        notes.append(f"Your search was shortened to its first {MAX_QUERY_CHARACTERS} characters.")
    tree = parse(query_text)
    searchable = bool(query_text) and backend.searchable(tree)
    expansions = []
    if searchable:
        thesaurus, ids = current_glossary()
        tree, expansions = expand(tree, thesaurus, ids)
    if not holds_everything(backend):
        notes.append(INDEX_BEING_BUILT)
    if query_text and not searchable:
        notes.append(f"“{query_text}” has no words to search for, so everything is shown.")

    filter_data = state.filter_data()
    filter_data.setlist("q", [query_text] if searchable else [])
    filterset = HitFilterSet(filter_data, queryset=Article.objects.none())  # the form alone is used
    filterset.is_valid()
    notes += _form_notes(filterset, state)
    cleaned = filterset.form.cleaned_data
    query = tree if searchable else None

    selected, fixed_values = {}, {}
    for name in FACET_NAMES:
        values = _engine_values(name, cleaned.get(name))
        if values:
            (fixed_values if name in state.fixed else selected)[name] = values
    sort = _sort(state, query, notes)
    page = _page_number(state)
    if (page - 1) * PAGE_SIZE >= max(PAGE_SIZE, backend.num_docs()):
        raise Http404("There is no such page of results.")  # before asking the index for it
    request = SearchRequest(
        query=query,
        selected=selected,
        fixed=fixed_values,
        date_from=cleaned.get("from"),
        date_to=cleaned.get("to"),
        sort=sort,
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        facets=list(FACET_NAMES),
        facet_size=KEPT_VALUES,
    )
    response = backend.search(request)
    total = response.total
    num_pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > num_pages:
        raise Http404("There is no such page of results.")
    strict_counts = response.facets  # each selected facet's with its hits without its selection
    relaxed = None
    if relax and query is not None and page == 1 and total < PAGE_SIZE and backend.relaxable(query):
        # Facet counts describe the strict set unless it is empty.
        relaxed = backend.relaxed_search(
            _replace(request, limit=PAGE_SIZE - total, facets=[] if total else list(FACET_NAMES))
        )
        if total == 0 and relaxed.total:
            response.facets = relaxed.facets
    # Which words each relaxed hit lacks (a query per word) is found while PostgreSQL reads the
    # hits; the snippets, started next on the same thread, follow it.
    missing = None
    if relaxed is not None and relaxed.hits:
        missing = background.start(partial(backend.missing_words, query, relaxed.hits), pool="snippets")

    # The strict hits and the relaxed ones read from PostgreSQL together, while the index's
    # threads are still counting the facets; their snippets are then cut on another thread while
    # this one draws the facets (archive.search.background).
    found = response.hits + (relaxed.hits if relaxed is not None else [])
    rows = [{"kind": hit.kind, "pk": hit.pk} for hit in found]
    fetched = read_hit_rows(rows, whole_texts=query is not None)
    snippets = None  # a browse marks nothing
    if query is not None and fetched:
        snippets = background.start(partial(highlights_of, backend, query, fetched), pool="snippets")
    # with all of one facet's values for its "show all" page
    counted = tallies(response.facets, chosen=filter_data, keep_all=every_value_of)
    label_selected(counted, cleaned)
    unknown = {name: set(getattr(filterset.form.fields.get(name), "unknown", [])) for name, _ in FACETS}
    facet_map = {
        name: facets.build_facet(
            name,
            label,
            counted[name],
            state,
            by_value=name == "year",
            unknown=unknown[name],
            show=None if name == every_value_of else facets.SHOWN_VALUES,
        )
        for name, label in FACETS
    }
    hydrated = hits_from_rows(rows, fetched, snippets.result() if snippets else None)
    strict = {(hit.kind, hit.pk) for hit in response.hits}
    outcome = SearchOutcome(
        state=state,
        query_text=query_text,
        hits=[hit for hit in hydrated if (hit.kind, hit.pk) in strict],
        total=total,
        page=page,
        num_pages=num_pages,
        sort=sort,
        facets=facet_map,
        notes=notes,
        dates={name: cleaned[name] for name in ("from", "to") if cleaned.get(name)},
        query=query,
        request=request,
    )
    if missing is not None:
        lacking = dict(zip([(hit.kind, hit.pk) for hit in relaxed.hits], missing.result(), strict=True))
        outcome.relaxed_hits = [hit for hit in hydrated if (hit.kind, hit.pk) not in strict]
        for hit in outcome.relaxed_hits:
            hit.missing = lacking[(hit.kind, hit.pk)]
        outcome.relaxed_total = relaxed.total
        outcome.facets_count = "all" if total else "some"
    outcome.expansions = _expansion_notes(expansions, query_text, state)
    years = {int(value): count for value, count in counted["year"].counts.items() if count}
    outcome.chart = year_chart(years, lambda year: state.toggle_url("year", str(year)))
    if query_text:
        _offer_spelling(outcome)
    if total == 0:
        _explain_no_results(outcome, backend, request, strict_counts)
    outcome.description = describe(outcome)
    return outcome


def _expansion_notes(expansions, query_text: str, state: SearchState) -> list[ExpansionNote]:
    notes = {}
    for found in expansions:
        if found.description and found.description not in notes:
            literal = literal_query(query_text, found)
            notes[found.description] = ExpansionNote(
                found.description, found.matched, list(found.alternatives), literal, state.with_url(q=literal)
            )
    return list(notes.values())


def _engine_values(name: str, cleaned) -> list:
    """A cleaned filter's values as the index stores them: ids, slugs, years, kinds."""
    if not cleaned:
        return []
    if name in facet_list.BY_ID:
        return [item.pk for item in cleaned]
    if name == "year":
        return [int(year) for year in cleaned]
    return list(cleaned)


def _offer_spelling(outcome: SearchOutcome) -> None:
    """Offered whenever a word is not in the archive, even if stemming found results anyway."""
    suggestion = suggest(outcome.query_text)
    if suggestion and suggestion.lower() != outcome.query_text.lower():
        outcome.suggestion = suggestion
        outcome.suggestion_url = outcome.state.with_url(q=suggestion)


def _explain_no_results(outcome: SearchOutcome, backend, request: SearchRequest, strict_counts) -> None:
    """Which filters to remove, each with the number of results it would then give (a facet's is
    counted with its values, ``strict_counts``; a date's is asked of the index)."""

    def total_without(name):
        known = strict_counts[name].hits_without_selection if name in strict_counts else None
        if known is not None:
            return known
        selected = {key: values for key, values in request.selected.items() if key != name}
        changes = {"selected": selected}
        if name in ("from", "to"):
            changes = {"date_from" if name == "from" else "date_to": None}
        return backend.count(_replace(request, **changes))

    for label, value in outcome.chips:
        name = next(name for name, facet in outcome.facets.items() if value in facet.values)
        if len(outcome.state.values(name)) == 1 and name in request.selected:
            count = total_without(name)
            if count:
                outcome.removal_hints.append(
                    RemovalHint(f"{label}: {value.label}", outcome.state.without_url(name), count)
                )
    for name in ("from", "to"):
        if outcome.state.params.get(name) and outcome.dates.get(name):
            count = total_without(name)
            if count:
                hint_label = f"{'From' if name == 'from' else 'To'}: {outcome.state.params[name]}"
                outcome.removal_hints.append(RemovalHint(hint_label, outcome.state.without_url(name), count))


def _replace(request: SearchRequest, **changes) -> SearchRequest:
    """The request from its first hit, by default for a count alone."""
    from dataclasses import replace

    return replace(request, **{"offset": 0, "limit": 1, "facets": [], **changes})


def _form_notes(filterset, state: SearchState) -> list[str]:
    """What was ignored, said to the reader, and taken out of the state: an ignored value is
    never shown as an active filter nor carried on by the page's links."""
    ignored = ignored_parameters(filterset.form)
    for item in ignored:
        state.ignore(item.name, item.values)
    notes = [item.note for item in ignored]
    start, end = filterset.form.cleaned_data.get("from"), filterset.form.cleaned_data.get("to")
    if start and end and start > end:
        notes.append("The “from” date is after the “to” date, so nothing can match.")
    return notes


def _sort(state: SearchState, query, notes: list[str]) -> str:
    requested = state.params.get("sort", "")
    default = "relevance" if query is not None else "newest"
    if requested and requested not in SORTS:
        notes.append("That sort order is not one we know; the results are in the usual order.")
        return default
    if requested == "relevance" and query is None:
        return "newest"
    return requested or default


def _page_number(state: SearchState) -> int:
    raw = state.params.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:  # "²".isdigit() is True
        raise Http404("There is no such page of results.")
    return int(raw)


def describe(outcome: SearchOutcome) -> str:
    """The active search in one plain English sentence (after Datasette's human_description_en)."""
    parts = [f"{outcome.total:,} result{'s' if outcome.total != 1 else ''}"]
    if outcome.query_text:
        quoted = '"' in outcome.query_text
        parts.append(f"for {outcome.query_text}" if quoted else f"for “{outcome.query_text}”")
    kinds = outcome.facets["kind"].selected
    if len(kinds) == 1:
        parts.append(f"among {kinds[0].label.lower()}")
    phrases = {facet.name: facet.described_as for facet in facet_list.FACETS if facet.described_as}
    for name, phrase in phrases.items():
        selected = sorted(
            (value for value in outcome.facets[name].selected if not value.unknown),
            key=lambda value: value.label,
        )
        if selected:
            parts.append(f"{phrase} {' or '.join(value.title or value.label for value in selected)}")
    for name, phrase in (("from", "on or after"), ("to", "on or before")):
        if value := outcome.dates.get(name):
            parts.append(f"{phrase} {date_format(value, 'j F Y')}")
    parts.append(SORTS[outcome.sort])
    return (
        ", ".join(
            [
                " ".join(parts[:2]) if outcome.query_text else parts[0],
                *parts[2 if outcome.query_text else 1 :],
            ]
        )
        + "."
    )


def matching_article_ids(text: str) -> list[int]:
    """Every article, drafts too, whose words match ``text`` (the admin's search)."""
    backend = reading_backend()
    tree = parse(text)
    if not backend.searchable(tree):
        return []
    return backend.matching_ids(SearchRequest(query=tree, include_drafts=True), "article")


def highlights_of(backend, query: AllOf | None, fetched: list[HitRow]) -> dict | None:
    """Each row's marked title and snippet by (kind, pk), cut from the texts read with it
    (``whole_texts``); None for a browse, whose hits show the start of their texts."""
    if query is None or not fetched:
        return None
    marked = backend.highlight(query, [snippet_texts(row) for row in fetched])
    return {(row.kind, row.pk): highlight for row, highlight in zip(fetched, marked, strict=True)}


def matching_hits(outcome: SearchOutcome, limit: int, offset: int = 0) -> list[Hit]:
    """Hits of the outcome's search past its page (the CSV export), in the page's order."""
    from dataclasses import replace

    backend = reading_backend()
    response = backend.search(replace(outcome.request, offset=offset, limit=limit, facets=[]))
    rows = [{"kind": hit.kind, "pk": hit.pk} for hit in response.hits]
    fetched = read_hit_rows(rows, whole_texts=outcome.query is not None)
    return hits_from_rows(rows, fetched, highlights_of(backend, outcome.query, fetched))
