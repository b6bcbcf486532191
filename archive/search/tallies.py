"""Every facet's counts in one statement, over a match set fetched once per search.

The match set is the ids of the hits that satisfy what no facet can remove: the
words searched for, the dates and a page's fixed subject. Each facet is counted
under the other facets' selections (so a reader sees what choosing another value
would give). Doing that with one statement per facet ran the search again for
every facet, which cost over a second for a broad word at 100,000 articles
(docs/benchmarks.md); here the search runs once, and one statement reads the
facet columns of the matched rows and groups them facet by facet.

Written in SQL because the ORM cannot share one materialised set between the
GROUP BYs of six facets.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from archive.models import DatePrecision

FACET_NAMES = ["kind", "org", "term", "author", "publication", "year"]

# The facet columns of each matched row; a row is a hit of either kind. The shown tags and
# the authors are stored on the rows themselves (archive.models.facet_columns).
_MATCHED_ROWS = """
WITH hits AS MATERIALIZED (
    SELECT 'article'::text AS kind, a.id, a.publication_id AS publication,
        CASE WHEN a.date_precision <> %(undated)s THEN extract(year FROM a.published_on)::int END AS year,
        a.facet_organisations AS orgs, a.facet_terms AS terms, a.facet_authors AS authors,
        NULL::text AS author_name
    FROM archive_article a WHERE a.id = ANY(%(article_ids)s)
    UNION ALL
    SELECT 'comment'::text, c.id,
        (SELECT parent.publication_id FROM archive_article parent WHERE parent.id = c.article_id),
        extract(year FROM c.posted_at AT TIME ZONE %(time_zone)s)::int,
        c.facet_organisations, c.facet_terms,
        CASE WHEN c.author_slug <> '' THEN ARRAY[c.author_slug::text] ELSE ARRAY[]::text[] END,
        c.author_name
    FROM archive_comment c WHERE c.id = ANY(%(comment_ids)s)
)
"""

# For each facet: what a selection of it requires of a row, and the values a row counts for.
_CONDITIONS = {
    "kind": "kind = ANY(%(kind)s)",
    "org": "orgs && %(org)s::bigint[]",
    "term": "terms && %(term)s::bigint[]",
    "author": "authors && %(author)s::text[]",
    "publication": "publication = ANY(%(publication)s)",
    "year": "year = ANY(%(year)s)",
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


@dataclass
class RawCounts:
    """Per facet, per kind of hit, the number of matched rows with each value."""

    counts: dict[str, dict[str, Counter]]
    author_names: dict[str, str]  # commenters' names by slug (authors of articles are people)


def _statement(selection: Selection) -> str:
    parts = []
    for facet in FACET_NAMES:
        extra, value = _VALUES[facet]
        others = [_CONDITIONS[other] for other in FACET_NAMES if other != facet and getattr(selection, other)]
        where = " AND ".join([f"{value} IS NOT NULL", *others])
        label = "min(author_name)" if facet == "author" else "NULL"
        parts.append(
            f"SELECT '{facet}' AS facet, kind, {value}::text AS value, count(*) AS hits, {label} AS label "
            f"FROM hits{extra} WHERE {where} GROUP BY kind, {value}"
        )
    return _MATCHED_ROWS + "\nUNION ALL\n".join(parts)


def count(article_ids: list[int], comment_ids: list[int], selection: Selection) -> RawCounts:
    params = {
        "article_ids": article_ids,
        "comment_ids": comment_ids,
        "undated": str(DatePrecision.UNKNOWN),
        "time_zone": settings.TIME_ZONE,
        **{name: getattr(selection, name) for name in FACET_NAMES},
    }
    counts = {facet: {"article": Counter(), "comment": Counter()} for facet in FACET_NAMES}
    author_names = {}
    with connection.cursor() as cursor:
        cursor.execute(_statement(selection), params)
        for facet, kind, value, hits, label in cursor.fetchall():
            counts[facet][kind][value] += hits
            if label:
                author_names.setdefault(value, label)
    return RawCounts(counts, author_names)
