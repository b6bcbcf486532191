"""One ranked list of article and comment hits, a page at a time, with highlighted snippets."""

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

import psycopg

from archive.core.html_format import escape
from archive.core.partial_dates import partial_date_display, partial_date_iso
from archive.core.times import local_time
from archive.models import MentionStatus, TimePrecision
from archive.models.links import slug_url
from archive.search.known_names import known_names

SNIPPET_WORDS = 40
TAGS_SHOWN = 6  # per hit, the most frequent first; the piece's page has them all


@dataclass
class Hit:
    kind: str  # "article" or "comment"
    pk: int
    url: str
    title: str
    title_html: SafeString
    date_display: str
    date_iso: str | None
    authors: list[tuple[str, str | None]]  # (name, url or None for a commenter)
    publication: tuple[str, str] | None
    article_title: str
    article_url: str
    snippet: SafeString  # escaped text with <mark> around matches
    snippet_text: str  # the same, plain
    organisations: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    more_tags: int = 0
    missing: tuple[str, ...] = ()  # a relaxed hit's query words it lacks


def _tags(organisations: list, terms: list) -> dict:
    """The hit's most mentioned bodies and topics, at most TAGS_SHOWN in all."""
    organisations_shown = organisations[: TAGS_SHOWN // 2]
    terms_shown = terms[: TAGS_SHOWN - len(organisations_shown)]
    hidden = len(organisations) + len(terms) - len(organisations_shown) - len(terms_shown)
    return {"organisations": organisations_shown, "terms": terms_shown, "more_tags": hidden}


def hydrate(rows: list[dict]) -> list[Hit]:
    """Turn a page of (kind, pk) rows into unmarked hits, each showing the start of its text, read
    in one statement (PAGE_OF_HITS). A search's hits are marked: see engine.highlights_of."""
    return hits_from_rows(rows, read_hit_rows(rows), None)


def read_hit_rows(rows: list[dict], whole_texts: bool = False) -> list["HitRow"]:
    """The database's rows for a page of (kind, pk) rows, in one statement (any order);
    ``whole_texts``: with an article's whole standfirst and body, for its snippet."""
    if not rows:
        return []
    params = {
        "articles": [row["pk"] for row in rows if row["kind"] == "article"],
        "comments": [row["pk"] for row in rows if row["kind"] == "comment"],
        "shown": [str(status) for status in MentionStatus.shown()],
        "opening": OPENING_CHARACTERS,
        "whole": whole_texts,
    }
    return [HitRow(*row) for row in _prepared(PAGE_OF_HITS, params)]


def _prepared(sql: str, params: dict) -> list[tuple]:
    """``sql``'s rows, run as a statement PostgreSQL keeps planned for the connection's life.

    Django's psycopg cursors bind parameters on the client, so PostgreSQL plans each statement
    afresh: for PAGE_OF_HITS (a union with six sub-selects) planning was 3 ms of a 5 ms statement
    at 100,000 articles. A server-side-binding psycopg cursor on Django's own connection (so in
    its transaction) may prepare it instead. Errors come out as Django's (a database outage is a
    503), and the statement is logged where Django logs its own (tests count a page's statements).
    """
    connection.ensure_connection()
    connection.validate_no_broken_transaction()  # as Django's own cursors do first
    started = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        rows = cursor.fetchall()
    if connection.queries_logged:  # as Django logs its own: the statement with its values in it
        executed = psycopg.ClientCursor(connection.connection).mogrify(sql, params)
        connection.queries_log.append({"sql": executed, "time": f"{time.monotonic() - started:.3f}"})
    return rows


def snippet_texts(row: "HitRow") -> dict[str, str]:
    """What a hit's snippet is cut from (read with ``whole_texts``), by the index's field names."""
    if row.kind == "article":
        return {"title": row.title, "standfirst": row.standfirst, "body": row.body}
    return {"comment": row.text}


def hits_from_rows(rows: list[dict], fetched: list["HitRow"], highlights: dict | None) -> list[Hit]:
    """The hits in the order of ``rows``; a row the database no longer has is left out."""
    known = known_names()
    found = {(row.kind, row.pk): _hit(row, highlights, known) for row in fetched}
    return [found[key] for row in rows if (key := (row["kind"], row["pk"])) in found]


# An article's long texts are left in the database: a hit without a marked snippet shows the
# start of its body, read as its first OPENING_CHARACTERS (a comment's whole text is read).
OPENING_CHARACTERS = 1000

# A page's hits, their authors, publications and shown tags, in one statement: the ORM's five
# (articles, their authors, comments, two kinds of mention), with a model instance for each row,
# took 20 ms of CPU a page at 100,000 articles; this takes about 4 ms.
# The orders are the models': authors by name (Person), tags most mentioned first, then by name
# (the mentions' Meta.ordering). A tag is its id here; its name and link come from the archive's
# known names (archive.search.known_names): a page of twenty articles has some 150 mentions of a
# few dozen tags.
_SHOWN_TAGS = """
       ARRAY(SELECT m.organisation_id FROM archive_organisationmention m
             JOIN archive_organisation tag ON tag.id = m.organisation_id
             WHERE {of_hit} AND m.status = ANY(%(shown)s::text[]) ORDER BY m.count DESC, tag.name),
       ARRAY(SELECT m.term_id FROM archive_termmention m
             JOIN archive_policyterm tag ON tag.id = m.term_id
             WHERE {of_hit} AND m.status = ANY(%(shown)s::text[]) ORDER BY m.count DESC, tag.name)"""
PAGE_OF_HITS = f"""
SELECT 'article', a.id, a.slug, a.title,
       COALESCE(NULLIF(a.standfirst, ''), LEFT(a.body, %(opening)s::integer)),
       a.published_on, a.date_precision, a.date_approximate,
       NULL::timestamptz, NULL, NULL, p.name, p.slug,
       ARRAY(SELECT ARRAY[person.name, person.slug] FROM archive_article_authors byline
             JOIN archive_person person ON person.id = byline.person_id
             WHERE byline.article_id = a.id ORDER BY person.name, person.id),
       {_SHOWN_TAGS.format(of_hit="m.article_id = a.id AND m.comment_id IS NULL")},
       CASE WHEN %(whole)s::boolean THEN a.standfirst END, CASE WHEN %(whole)s::boolean THEN a.body END
FROM archive_article a LEFT JOIN archive_publication p ON p.id = a.publication_id
WHERE a.id = ANY(%(articles)s::bigint[])
UNION ALL
SELECT 'comment', c.id, a.slug, a.title, c.body,
       NULL, NULL, NULL,
       c.posted_at, c.time_precision, c.author_name, p.name, p.slug,
       ARRAY[]::varchar[],  -- a comment's author is its author_name
       {_SHOWN_TAGS.format(of_hit="m.comment_id = c.id")},
       NULL, NULL  -- a comment's whole text is its body, read above
FROM archive_comment c JOIN archive_article a ON a.id = c.article_id
LEFT JOIN archive_publication p ON p.id = a.publication_id
WHERE c.id = ANY(%(comments)s::bigint[])
"""


class HitRow(NamedTuple):
    """One row of PAGE_OF_HITS. For a comment, ``slug`` and ``title`` are its article's."""

    kind: str
    pk: int
    slug: str
    title: str
    text: str  # an article's standfirst, else the opening of its body; a comment's body
    published_on: date | None
    date_precision: str | None
    date_approximate: bool | None
    posted_at: datetime | None
    time_precision: str | None
    author_name: str | None
    publication_name: str | None
    publication_slug: str | None
    authors: list[list[str]]  # [name, slug] of each of an article's authors
    organisation_ids: list[int]
    term_ids: list[int]
    standfirst: str | None  # an article's whole standfirst and body, when asked for (whole_texts)
    body: str | None


def _hit(row: HitRow, highlights, known) -> Hit:
    tags = _tags(
        [known.by_pk["org"][pk] for pk in row.organisation_ids],
        [known.by_pk["term"][pk] for pk in row.term_ids],
    )
    article_url = slug_url("article_detail", row.slug)
    publication = (
        (row.publication_name, slug_url("publication_detail", row.publication_slug))
        if row.publication_slug
        else None
    )
    if row.kind == "article":
        title_html, snippet, snippet_text = _marked(highlights, ("article", row.pk), row.text, row.title)
        return Hit(
            kind="article",
            pk=row.pk,
            url=article_url,
            title=row.title,
            title_html=mark_safe(title_html),  # noqa: S308 (escaped by the backend or here)
            date_display=partial_date_display(row.published_on, row.date_precision, row.date_approximate),
            date_iso=partial_date_iso(row.published_on, row.date_precision),  # "2023-04" for a month
            authors=[(name, slug_url("person_detail", slug)) for name, slug in row.authors],
            publication=publication,
            article_title=row.title,
            article_url=article_url,
            snippet=mark_safe(snippet),  # noqa: S308 (escaped by the backend or here)
            snippet_text=snippet_text,
            **tags,
        )
    _, snippet, snippet_text = _marked(highlights, ("comment", row.pk), row.text)
    title = f"{row.author_name} on “{row.title}”"
    posted = local_time(row.posted_at, row.time_precision == TimePrecision.DATE)
    return Hit(
        kind="comment",
        pk=row.pk,
        url=f"{article_url}#comment-{row.pk}",
        title=title,
        title_html=escape(title),
        date_display=posted.display if posted else "Date unknown",
        date_iso=posted.iso if posted else None,
        authors=[(row.author_name, None)],
        publication=publication,
        article_title=row.title,
        article_url=article_url,
        snippet=mark_safe(snippet),  # noqa: S308 (escaped by the backend or here)
        snippet_text=snippet_text,
        **tags,
    )


def _marked(highlights, key, text: str, title: str | None = None):
    """(title html, snippet html, snippet text): the index's marks, or the text's start unmarked."""
    found = (highlights or {}).get(key)
    title_html = found.title_html if found and found.title_html else (escape(title) if title else None)
    if found and found.snippet_html:
        return title_html, found.snippet_html, found.snippet_text
    start = Truncator(text).words(SNIPPET_WORDS)
    return title_html, escape(start), start
