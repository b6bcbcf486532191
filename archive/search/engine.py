"""The search: one function that the HTML page, the JSON API and the browse pages share."""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models.expressions import RawSQL
from django.http import Http404, QueryDict
from django.utils.formats import date_format

from archive.filters import HitFilterSet, ignored_parameters
from archive.models import Article, Comment, Organisation, Person, PolicyTerm, Publication
from archive.search import facets, sampling, tallies
from archive.search.cache import SearchCache
from archive.search.charts import YearChart, year_chart
from archive.search.hits import Hit, hydrate, in_order, ranked_rows
from archive.search.plans import prefer_indexes
from archive.search.state import SearchState
from archive.search.suggestions import suggest
from archive.search.vectors import MAX_QUERY_CHARACTERS, clean_query_text, has_searchable_words, web_query

PAGE_SIZE = 20
KEPT_VALUES = 50  # of a facet's values, kept with a search (the page shows facets.SHOWN_VALUES)
KINDS = ["article", "comment"]
SORTS = {"relevance": "most relevant first", "newest": "newest first", "oldest": "oldest first"}
FACETS = [  # (parameter, label), in the order the page shows them
    ("kind", "Kind"),
    ("org", "Body"),
    ("term", "Topic"),
    ("author", "Author"),
    ("publication", "Publication"),
    ("year", "Year"),
]


@dataclass
class Summary:
    """What a search finds, before it is shown: kept in the cache between requests."""

    matched: dict[str, list[int]]  # ids of each kind's match set (empty when it was sampled)
    sampled: set[str]  # kinds counted on a sample
    counted: dict[str, facets.Tally]
    estimated: set[str]  # kinds whose total is an estimate
    # Every hit as (kind, id, rank, date), to be put in order here; None when a kind was sampled.
    hits: list[tuple] | None = None

    def __getstate__(self):
        # The hits serve the request that found them: kept in the cache, up to 10,000 of them
        # would make each entry hundreds of KB, and each page of hits is cached on its own.
        return {**self.__dict__, "hits": None}


@dataclass
class RemovalHint:
    label: str
    url: str
    total: int


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
    estimated: bool = False  # counts from a sample (archive.search.sampling)
    description: str = ""
    # For reading more hits in the same order (the CSV export): each kind's hits (None when
    # that kind is not searched), what ranks them (None when not ranked) and what marks snippets.
    hit_querysets: tuple = (None, None)
    ranking: object = None
    query: object = None

    @property
    def chips(self) -> list[tuple[str, facets.FacetValue]]:
        """Selected values, each with its facet's label, for the removable chips."""
        return [
            (facet.label, value)
            for facet in self.facets.values()
            for value in facet.selected
            if self.state.fixed.get(facet.name) != value.value
        ]

    @property
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

    @property
    def visible_facets(self) -> list[facets.Facet]:
        return [facet for name, facet in self.facets.items() if name not in self.state.fixed]


def run_search(
    data: QueryDict, path: str, fixed: dict[str, str] | None = None, *, every_value_of: str = ""
) -> SearchOutcome:
    """``every_value_of`` names a facet whose values are all kept and shown (its "show all" page)."""
    state = SearchState(data, path, fixed)
    notes: list[str] = []
    query_text = clean_query_text(state.params.get("q", ""))
    if len(state.params.get("q", "")) > MAX_QUERY_CHARACTERS:
        notes.append(f"Your search was shortened to its first {MAX_QUERY_CHARACTERS} characters.")
    searchable = bool(query_text) and has_searchable_words(query_text)
    if query_text and not searchable:
        notes.append(f"“{query_text}” has no words to search for, so everything is shown.")

    filter_data = state.filter_data()
    filter_data.setlist("q", [query_text] if searchable else [])
    filterset = HitFilterSet(filter_data, queryset=Article.objects.none())
    filterset.is_valid()
    notes += _form_notes(filterset, state)
    cleaned = filterset.form.cleaned_data
    kinds = [kind for kind in KINDS if kind in cleaned.get("kind", [])] or KINDS
    query = web_query(query_text) if searchable else None

    # Everything below but the rendering depends only on the filters and the data (archive.search.cache).
    identity = sorted(
        (name, sorted(filter_data.getlist(name))) for name in filter_data if name not in ("page", "sort")
    )
    cache = SearchCache([*identity, ("every_value_of", [every_value_of])], state.fixed)
    removable = [name for name in tallies.FACET_NAMES if name not in state.fixed]
    already = [name for name in cleaned if name not in removable]  # applied by the match set

    def querysets(matched, sampled, skip=None):
        """Each kind's hits under every filter but ``skip``: read from the match set unless it is a sample."""
        result = []
        for kind, model in (("article", Article), ("comment", Comment)):
            if kind not in kinds and skip != "kind":
                result.append(None)
            elif kind in sampled:
                result.append(filterset.filter_queryset_except(model.objects.published(), skip))
            else:
                result.append(filterset.filter_queryset_except(_among(model, matched[kind]), skip, *already))
        return result

    def summarise() -> Summary:
        # The match set: what no facet can remove (the words, the dates, a page's fixed subject).
        sources = {}
        for kind, model in (("article", Article), ("comment", Comment)):
            base = filterset.filter_queryset_except(model.objects.published(), *removable)
            large = sampling.planned_rows(base) > sampling.ESTIMATE_ABOVE
            sources[kind] = tallies.Source(base, sampled=large)
        selection = tallies.Selection.from_cleaned(cleaned)
        raw = tallies.count(sources, selection, ranking=query, facets=removable)
        sampled = {kind for kind, source in raw.sources.items() if source.sampled}
        matched = raw.ids  # a sample is for counting only: the hits come from the whole table
        # with a page's fixed value; all of one facet's values for its "show all" page
        counted = _tallies(raw, sampled, chosen=filter_data, keep_all=every_value_of)
        # A sampled kind's own total is still counted exactly when the filters narrow it enough.
        estimated = {kind for kind in sampled if kind in kinds}
        narrowed = any(getattr(selection, name) for name in removable if name != "kind")
        if not narrowed:  # the whole match set was seen to be larger than its sample says
            for kind, least in raw.at_least.items():
                counted["kind"].counts[kind] = max(counted["kind"].counts[kind], least)
        for kind, queryset in zip(KINDS, querysets(matched, sampled), strict=True):
            if kind in estimated and narrowed:
                with prefer_indexes():
                    exact = queryset.order_by().values("pk")[: sampling.ESTIMATE_ABOVE + 1].count()
                if exact <= sampling.ESTIMATE_ABOVE:
                    counted["kind"].counts[kind] = exact
                    estimated.discard(kind)
        every_hit = None if sampled & set(kinds) else raw.hits
        return Summary(matched, sampled, counted, estimated, every_hit)

    summary = cache.remember("summary", summarise)
    counted, sampled, estimated = summary.counted, summary.sampled, summary.estimated
    _label_selected(counted, cleaned)
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
    total = sum(counted["kind"].counts[kind] for kind in kinds)

    # Ranking reads every match's vector: done up to RANK_UP_TO hits, even when they are estimated.
    rankable = query is not None and (not estimated or total <= sampling.RANK_UP_TO)
    if estimated and query is not None and not rankable:
        notes.append(
            f"This search matches about {total:,} pieces and comments: too many to rank, so they are shown "
            "newest first, and the counts are estimates from a sample. Add words or filters to narrow it."
        )
    elif estimated:
        notes.append(
            f"About {total:,} pieces and comments match: the counts are estimates from a sample. "
            + (
                "Add words or filters to narrow it."
                if query
                else "Search for words or choose filters to narrow it."
            )
        )
    elif sampled:
        notes.append("The counts beside the filters are estimates from a sample.")
    sort = _sort(state, query if rankable else None, notes)
    page, num_pages = _page(state, total, capped=bool(estimated))
    articles, comments = querysets(summary.matched, sampled)
    start = (page - 1) * PAGE_SIZE
    ranking = query if rankable else None

    def page_of_hits():
        if summary.hits is not None:  # all of them, ranked as they were matched
            rows = in_order(summary.hits, sort)[start : start + PAGE_SIZE]
        else:
            with prefer_indexes():
                rows = list(ranked_rows(articles, comments, ranking, sort, start + PAGE_SIZE)[start:])
        return hydrate(rows, query)

    hits = cache.remember(f"hits:{sort}:{page}", page_of_hits) if total else []
    outcome = SearchOutcome(
        state=state,
        query_text=query_text,
        hits=hits,
        total=total,
        page=page,
        num_pages=num_pages,
        sort=sort,
        facets=facet_map,
        notes=notes,
        dates={name: cleaned[name] for name in ("from", "to") if cleaned.get(name)},
        estimated=bool(estimated),
        hit_querysets=(articles, comments),
        ranking=ranking,
        query=query,
    )
    years = {int(value): count for value, count in counted["year"].counts.items() if count}
    outcome.chart = year_chart(years, lambda year: state.toggle_url("year", str(year)))
    if query_text:
        _offer_spelling(outcome)
    if total == 0:
        _explain_no_results(outcome, filterset, kinds)
    outcome.description = describe(outcome)
    return outcome


def _offer_spelling(outcome: SearchOutcome) -> None:
    """Offered whenever a word is not in the archive, even if stemming found results anyway."""
    suggestion = suggest(outcome.query_text)
    if suggestion and suggestion.lower() != outcome.query_text.lower():
        outcome.suggestion = suggestion
        outcome.suggestion_url = outcome.state.with_url(q=suggestion)


def _explain_no_results(outcome: SearchOutcome, filterset, kinds: list[str]) -> None:
    """Which filters to remove, each with the number of results it would then give."""

    def total_without(skip):
        return sum(
            filterset.filter_queryset_except(model.objects.published(), skip).count()
            for kind, model in (("article", Article), ("comment", Comment))
            if kind in kinds or skip == "kind"
        )

    for label, value in outcome.chips:
        name = next(name for name, facet in outcome.facets.items() if value in facet.values)
        if len(outcome.state.values(name)) == 1:
            count = total_without(name)
            if count:
                outcome.removal_hints.append(
                    RemovalHint(f"{label}: {value.label}", outcome.state.without_url(name), count)
                )
    for name in ("from", "to"):
        if outcome.state.params.get(name) and filterset.form.cleaned_data.get(name):
            count = total_without(name)
            if count:
                hint_label = f"{'From' if name == 'from' else 'To'}: {outcome.state.params[name]}"
                outcome.removal_hints.append(RemovalHint(hint_label, outcome.state.without_url(name), count))


def _among(model, ids: list[int]):
    """The rows with these ids, as one array parameter (not one placeholder per id)."""
    return model.objects.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))


def _tallies(
    raw: tallies.RawCounts, sampled: set[str], chosen: QueryDict, keep_all: str = ""
) -> dict[str, facets.Tally]:
    """The raw counts keyed by the values the URLs use (slugs, years), scaled up for a sampled
    kind of hit, trimmed to the most frequent values and the ``chosen`` ones, and labelled."""
    result = {}
    for name in tallies.FACET_NAMES:
        tally = facets.Tally(approximate=bool(sampled))
        for kind, counts in raw.counts[name].items():
            for value, count in counts.items():
                tally.counts[value] += sampling.scale(count, kind) if kind in sampled else count
        result[name] = tally
    result["kind"].counts.update({"article": 0, "comment": 0})
    result["kind"].labels = {"article": ("Articles", ""), "comment": ("Comments", "")}
    for name, model in (("org", Organisation), ("term", PolicyTerm)):
        _relabel(result[name], model.objects.values_list("pk", "slug", "abbreviation", "name"))
    publications = Publication.objects.values_list("pk", "slug", "name", "name")
    _relabel(result["publication"], publications)
    for name in ("org", "term", "author", "publication"):
        if name != keep_all:
            result[name].trim(KEPT_VALUES, always=set(chosen.getlist(name)))
    people = dict(Person.objects.filter(slug__in=result["author"].counts).values_list("slug", "name"))
    for slug in result["author"].counts:
        result["author"].labels[slug] = (people.get(slug) or raw.author_names.get(slug) or slug, "")
    result["year"].labels = {year: (year, "") for year in result["year"].counts}
    return result


def _relabel(tally: facets.Tally, rows) -> None:
    """Counts keyed by id become counts keyed by slug, each labelled (short name, full name)."""
    by_id = {str(pk): (slug, short or name, name) for pk, slug, short, name in rows}
    counts, tally.counts = tally.counts, Counter()
    for pk, count in counts.items():
        if pk in by_id:
            slug, label, title = by_id[pk]
            tally.counts[slug] += count
            tally.labels[slug] = (label, title)


def _label_selected(tallies, cleaned) -> None:
    """Selected bodies, topics, publications and authors keep their names even with no hits."""
    for name in ("org", "term", "publication"):
        for item in cleaned.get(name) or []:
            short = getattr(item, "short_name", item.name)
            tallies[name].labels.setdefault(item.slug, (short, item.name))
    unnamed = [slug for slug in cleaned.get("author") or [] if slug not in tallies["author"].labels]
    for slug, name in Person.objects.filter(slug__in=unnamed).values_list("slug", "name"):
        tallies["author"].labels[slug] = (name, "")


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


MAX_ESTIMATED_PAGES = 50  # past this, a broad search is narrowed rather than paged through


def _page(state: SearchState, total: int, capped: bool = False) -> tuple[int, int]:
    num_pages = max(1, math.ceil(total / PAGE_SIZE))
    if capped:
        num_pages = min(num_pages, MAX_ESTIMATED_PAGES)
    raw = state.params.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= num_pages:  # "²".isdigit() is True
        raise Http404("There is no such page of results.")
    return int(raw), num_pages


def describe(outcome: SearchOutcome) -> str:
    """The active search in one plain English sentence (after Datasette's human_description_en)."""
    about = "about " if outcome.estimated else ""
    parts = [f"{about}{outcome.total:,} result{'s' if outcome.total != 1 else ''}"]
    if outcome.query_text:
        quoted = '"' in outcome.query_text
        parts.append(f"for {outcome.query_text}" if quoted else f"for “{outcome.query_text}”")
    kinds = outcome.facets["kind"].selected
    if len(kinds) == 1:
        parts.append(f"among {kinds[0].label.lower()}")
    phrases = {
        "org": "mentioning",
        "term": "about",
        "author": "by",
        "publication": "in",
        "year": "in",
    }
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
