"""Every facet's counts in one statement, which also finds the match set.

The match set is the hits that satisfy what no facet can remove: the words
searched for, the dates and a page's fixed subject. Each facet is counted
under the other facets' selections (so a reader sees what choosing another
value would give). Doing that with one statement per facet ran the search again
for every facet, which cost over a second for a broad word at 100,000 articles
(docs/benchmarks.md). Here one statement materialises each matched row's facet
columns (stored on the row itself: archive.models.facet_columns), groups them
facet by facet, and hands back the ids of the match set, so the search's rows
are read once.

A kind of hit whose match set is large is read from a sample of its table
instead (archive.search.sampling); one that turns out otherwise than the
planner expected is read again the other way.

Written in SQL because the ORM cannot share one materialised set between the
GROUP BYs of six facets; the rows themselves are the filtered querysets, so
the filters are written once, in archive.filters.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractYear

from archive.models import DatePrecision
from archive.models.articles import COMMENT_DAY
from archive.models.facet_columns import FacetColumn
from archive.search import sampling
from archive.search.plans import prefer_indexes
from archive.search.vectors import rank

FACET_NAMES = ["kind", "org", "term", "author", "publication", "year"]
KINDS = ["article", "comment"]
_IDS = ArrayField(BigIntegerField())
_SLUGS = ArrayField(TextField())

# Each matched row's facet columns, in this order, then what orders the hits; a row is a
# hit of either kind.
_COLUMNS = "kind, id, publication, year, orgs, terms, authors, author_name, hit_date, hit_rank"
_ROW_VALUES = {
    "article": lambda: [
        Value("article", output_field=TextField()),
        "pk",
        "publication_id",
        Case(
            When(
                ~Q(date_precision=DatePrecision.UNKNOWN),
                then=Cast(ExtractYear("published_on"), IntegerField()),
            ),
            default=None,
            output_field=IntegerField(),
        ),
        FacetColumn("facet_organisations", _IDS),
        FacetColumn("facet_terms", _IDS),
        FacetColumn("facet_authors", _SLUGS),
        Cast(Value(None), TextField()),
        F("published_on"),
    ],
    "comment": lambda: [
        Value("comment", output_field=TextField()),
        "pk",
        F("article__publication_id"),
        Cast(ExtractYear("posted_at"), IntegerField()),  # in the archive's time zone, as the year filter
        FacetColumn("facet_organisations", _IDS),
        FacetColumn("facet_terms", _IDS),
        Func(  # a commenter's slug, when the parser found a name
            "author_slug",
            template="CASE WHEN %(expressions)s <> '' THEN ARRAY[%(expressions)s::text] ELSE '{}' END",
            output_field=_SLUGS,
        ),
        "author_name",
        COMMENT_DAY,
    ],
}

# For each facet: what a selection of it requires of a row, and the values a row counts for.
_CONDITIONS = {
    "kind": "kind = ANY(%s)",
    "org": "orgs && %s::bigint[]",
    "term": "terms && %s::bigint[]",
    "author": "authors && %s::text[]",
    "publication": "publication = ANY(%s)",
    "year": "year = ANY(%s)",
}
_VALUES = {
    "kind": ("", "kind"),
    "org": (", unnest(orgs) AS value", "value"),
    "term": (", unnest(terms) AS value", "value"),
    "author": (", unnest(authors) AS value", "value"),
    "publication": ("", "publication"),
    "year": ("", "year"),
}


@dataclass
class Selection:
    """The facet values a search selects, as the database stores them (ids, slugs, years)."""

    kind: list[str] = field(default_factory=list)
    org: list[int] = field(default_factory=list)
    term: list[int] = field(default_factory=list)
    author: list[str] = field(default_factory=list)
    publication: list[int] = field(default_factory=list)
    year: list[int] = field(default_factory=list)

    @classmethod
    def from_cleaned(cls, cleaned: dict) -> "Selection":
        return cls(
            kind=list(cleaned.get("kind") or []),
            org=[item.pk for item in cleaned.get("org") or []],
            term=[item.pk for item in cleaned.get("term") or []],
            author=list(cleaned.get("author") or []),
            publication=[item.pk for item in cleaned.get("publication") or []],
            year=[int(year) for year in cleaned.get("year") or []],
        )


@dataclass(frozen=True)
class Source:
    """Where one kind's match set is read from: its filtered queryset, or a sample of it."""

    queryset: object
    sampled: bool


@dataclass
class RawCounts:
    """Per facet, per kind of hit, the number of matched rows with each value."""

    counts: dict[str, dict[str, Counter]]
    author_names: dict[str, str]  # commenters' names by slug (authors of articles are people)
    sources: dict[str, Source]  # as finally read
    ids: dict[str, list[int]]  # each kind's match set; empty for a sampled kind
    sizes: dict[str, int]  # rows read of each kind (of the sample, for a sampled kind)
    # The hits under every selection, of the kinds read in full: (kind, id, rank, date)
    hits: list[tuple[str, int, float, date | None]] = field(default_factory=list)
    # A sampled kind known to have more rows than its sample suggests: its least possible total
    at_least: dict[str, int] = field(default_factory=dict)


def _rows(kind: str, source: Source, ranking) -> tuple[str, list]:
    """The SQL of a kind's matched rows: all of them up to one past ESTIMATE_ABOVE (more
    means it should have been sampled), or those in the sample. Each row's rank costs little
    here, while its vector is at hand for the match, against reading every vector again."""
    score = (
        rank(ranking) if ranking is not None and not source.sampled else Value(0.0, output_field=FloatField())
    )
    queryset = source.queryset.order_by().values_list(*_ROW_VALUES[kind](), score)
    if source.sampled:
        return sampling.sampled_sql(queryset, kind)
    sql, params = queryset.query.sql_with_params()
    return f"{sql} LIMIT {int(sampling.ESTIMATE_ABOVE) + 1}", list(params)


def _statement(
    sources: dict[str, Source], selection: Selection, ranking, facets: list[str]
) -> tuple[str, list]:
    rows = [_rows(kind, sources[kind], ranking) for kind in KINDS]
    sql = f"WITH hits ({_COLUMNS}) AS MATERIALIZED (\n"
    sql += "\nUNION ALL\n".join(f"({row_sql})" for row_sql, _ in rows) + "\n)\n"
    params = [param for _, row_params in rows for param in row_params]
    # The match set itself: its size, and its ids where it is not a sample.
    exact = [kind for kind in KINDS if not sources[kind].sampled]
    parts = [
        "SELECT 'ids', kind, (array_agg(id) FILTER (WHERE kind = ANY(%s)))::text, count(*), NULL, "
        "NULL::real, NULL::date FROM hits GROUP BY kind"
    ]
    params.append(exact)
    for facet in facets:
        extra, value = _VALUES[facet]
        others = [other for other in facets if other != facet and getattr(selection, other)]
        where = " AND ".join([f"{value} IS NOT NULL", *(_CONDITIONS[other] for other in others)])
        params += [getattr(selection, other) for other in others]
        label = "min(author_name)" if facet == "author" else "NULL"
        parts.append(
            f"SELECT '{facet}' AS facet, kind, {value}::text AS value, count(*) AS hits, {label} AS label, "
            f"NULL, NULL FROM hits{extra} WHERE {where} GROUP BY kind, {value}"
        )
    # The hits under every selection, to be put in order without asking again.
    chosen = [name for name in facets if getattr(selection, name)]
    where = " AND ".join(["kind = ANY(%s)", *(_CONDITIONS[name] for name in chosen)])
    params += [exact, *(getattr(selection, name) for name in chosen)]
    parts.append(f"SELECT 'hit', kind, id::text, NULL, NULL, hit_rank, hit_date FROM hits WHERE {where}")
    return sql + "\nUNION ALL\n".join(parts), params


def _read(sources: dict[str, Source], selection: Selection, ranking, facets: list[str]) -> RawCounts:
    counts = {facet: {kind: Counter() for kind in KINDS} for facet in FACET_NAMES}
    author_names, ids, sizes, hits = {}, dict.fromkeys(KINDS, []), dict.fromkeys(KINDS, 0), []
    sql, params = _statement(sources, selection, ranking, facets)
    with prefer_indexes(), connection.cursor() as cursor:  # full-text filters on their index
        cursor.execute(sql, params)
        for facet, kind, value, number, label, hit_rank, hit_date in cursor.fetchall():
            if facet == "hit":
                hits.append((kind, int(value), hit_rank, hit_date))
            elif facet == "ids":
                sizes[kind] = number
                if not sources[kind].sampled:
                    ids[kind] = [int(pk) for pk in value.strip("{}").split(",")]
            else:
                counts[facet][kind][value] += number
                if label:
                    author_names.setdefault(value, label)
    return RawCounts(counts, author_names, dict(sources), ids, sizes, hits)


def count(sources: dict[str, Source], selection: Selection, ranking=None, facets=FACET_NAMES) -> RawCounts:
    """Every facet's counts over each kind's match set, read as ``sources`` says unless the
    rows say otherwise: a full read past ESTIMATE_ABOVE rows is sampled instead, and a sample
    too small to believe (the planner overestimates phrases, for one) is read in full.
    ``ranking`` (a search query) ranks the hits of the kinds read in full. Only ``facets`` are
    counted and tested here: the others (a topic page's topic) are the queryset's own filters,
    which every matched row already meets."""
    raw = _read(sources, selection, ranking, facets)
    flipped = {
        kind: replace(source, sampled=not source.sampled)
        for kind, source in sources.items()
        if _is_large(raw, kind) != source.sampled
    }
    if not flipped:
        return raw
    again = _read({**sources, **flipped}, selection, ranking, facets)
    overflowing = {kind for kind, source in flipped.items() if not source.sampled and _is_large(again, kind)}
    if overflowing:  # a sample too small to believe, yet too many rows to read: the sample it is
        kept = {kind: source for kind, source in flipped.items() if kind not in overflowing}
        raw = _read({**sources, **kept}, selection, ranking, facets)
        raw.at_least = dict.fromkeys(overflowing, sampling.ESTIMATE_ABOVE + 1)
        return raw
    return again


def _is_large(raw: RawCounts, kind: str) -> bool:
    """Whether a kind's match set has more than ESTIMATE_ABOVE rows, by what was read of it."""
    size = raw.sizes[kind]
    if raw.sources[kind].sampled:
        size = sampling.scale(size, kind)
    return size > sampling.ESTIMATE_ABOVE
