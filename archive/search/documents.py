"""Index documents read from PostgreSQL, the one source of truth.

Read with plain SQL in batches (a rebuild streams 1,000,000 comments), straight
from the rows and their facet columns (archive.models.facet_columns), which
triggers keep to the shown tags and the authors.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connection

from archive.models.choices import DatePrecision, Status

UNDATED_NEWEST = -1  # sorts after every date, newest first
UNDATED_OLDEST = 10**7  # and oldest first (date.max.toordinal() is 3,652,059)

_ARTICLES = """
SELECT a.id, a.status, a.title, a.standfirst, a.body, a.publication_id, a.published_on,
       a.date_precision, a.facet_organisations, a.facet_terms, a.facet_authors
FROM archive_article a
"""
_COMMENTS = """
SELECT c.id, c.article_id, c.author_name, c.author_slug, c.body,
       (c.posted_at AT TIME ZONE %s)::date, c.facet_organisations, c.facet_terms, a.publication_id
FROM archive_comment c JOIN archive_article a ON a.id = c.article_id
WHERE a.status = 'published'
"""


@dataclass
class Entry:
    """One document's values, engine-neutral (a backend turns it into its own document)."""

    kind: str
    pk: int
    status: str
    text: dict[str, str]
    org: list[int] = field(default_factory=list)
    term: list[int] = field(default_factory=list)
    author: list[str] = field(default_factory=list)
    publication: int | None = None
    parent: int | None = None
    day: date | None = None


def _article(row) -> Entry:
    pk, status, title, standfirst, body, publication, published_on, precision, orgs, terms, authors = row
    dated = published_on is not None and precision != DatePrecision.UNKNOWN
    return Entry(
        kind="article",
        pk=pk,
        status=status,
        text={"title": title, "standfirst": standfirst, "body": body},
        org=list(orgs),
        term=list(terms),
        author=list(authors),
        publication=publication,
        day=published_on if dated else None,
    )


def _comment(row) -> Entry:
    pk, article_id, author_name, author_slug, body, day, orgs, terms, publication = row
    return Entry(
        kind="comment",
        pk=pk,
        status=Status.PUBLISHED,
        text={"comment": body, "commenter": author_name},
        org=list(orgs),
        term=list(terms),
        author=[author_slug] if author_slug else [],
        publication=publication,
        parent=article_id,
        day=day,
    )


def articles(ids: list[int]) -> list[Entry]:
    with connection.cursor() as cursor:
        cursor.execute(_ARTICLES + " WHERE a.id = ANY(%s)", [ids])
        return [_article(row) for row in cursor.fetchall()]


def comments(ids: list[int]) -> list[Entry]:
    with connection.cursor() as cursor:
        cursor.execute(_COMMENTS + " AND c.id = ANY(%s)", [settings.TIME_ZONE, ids])
        return [_comment(row) for row in cursor.fetchall()]


def comment_ids_of(article_ids: list[int]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM archive_comment WHERE article_id = ANY(%s)", [article_ids])
        return [row[0] for row in cursor.fetchall()]


def every_entry(batch: int = 2000) -> Iterator[Entry]:
    """Every article and every published comment, streamed (call inside a transaction)."""
    for sql, params, make in (
        (_ARTICLES + " ORDER BY a.id", [], _article),
        (_COMMENTS + " ORDER BY c.id", [settings.TIME_ZONE], _comment),
    ):
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(batch):
                yield from (make(row) for row in rows)


def count_entries() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM archive_article) + (SELECT count(*) FROM archive_comment c "
            "JOIN archive_article a ON a.id = c.article_id WHERE a.status = 'published')"
        )
        return cursor.fetchone()[0]
