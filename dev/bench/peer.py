"""The benchmark's peer: the same corpus served by Datasette, from SQLite with FTS5 indexes.

Datasette is installed into an environment of its own (`make bench` makes
`.venv-peer` from the `bench-peer` extra in pyproject.toml); the archive never
imports it. This module copies the benchmark database into an SQLite file laid
out as a Datasette user would lay it out — one row per article and per comment,
the bodies, organisations and terms as JSON arrays for `_facet_array`, an FTS5
table over the text — starts `datasette serve` on it, and names the peer's
page for each scenario it can express.
"""

import json
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

import psycopg

from archive.dburl import url_for
from archive.models import MentionStatus
from dev.bench.measure import free_port

SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, title TEXT, slug TEXT, standfirst TEXT, body TEXT,
    published_on TEXT, year INTEGER, publication TEXT, authors TEXT, orgs TEXT, terms TEXT
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY, article_id INTEGER REFERENCES articles(id), author_name TEXT,
    author_slug TEXT, posted_at TEXT, year INTEGER, body TEXT, publication TEXT, orgs TEXT, terms TEXT
);
"""

# What a Datasette user would add for these pages: the foreign key's index, the faceted columns'.
INDEXES = """
CREATE INDEX comments_article_id ON comments(article_id);
CREATE INDEX articles_year ON articles(year);
CREATE INDEX articles_publication ON articles(publication);
CREATE INDEX articles_published_on ON articles(published_on);
CREATE INDEX comments_year ON comments(year);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, standfirst, body, content="articles", content_rowid="id");
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE comments_fts USING fts5(author_name, body, content="comments", content_rowid="id");
INSERT INTO comments_fts(comments_fts) VALUES ('rebuild');
"""

_TAGS = """
    ARRAY(SELECT o.slug FROM archive_organisationmention m
          JOIN archive_organisation o ON o.id = m.organisation_id
          WHERE {match} AND m.status = ANY(%(shown)s) ORDER BY o.slug),
    ARRAY(SELECT t.slug FROM archive_termmention m JOIN archive_policyterm t ON t.id = m.term_id
          WHERE {match} AND m.status = ANY(%(shown)s) ORDER BY t.slug)
"""

ARTICLES = f"""
SELECT a.id, a.title, a.slug, a.standfirst, a.body, a.published_on::text,
    CASE WHEN a.date_precision <> 'unknown' THEN extract(year FROM a.published_on)::int END,
    p.slug,
    ARRAY(SELECT pe.slug FROM archive_article_authors aa JOIN archive_person pe ON pe.id = aa.person_id
          WHERE aa.article_id = a.id ORDER BY pe.slug),
    {_TAGS.format(match="m.article_id = a.id AND m.comment_id IS NULL")}
FROM archive_article a LEFT JOIN archive_publication p ON p.id = a.publication_id
WHERE a.status = 'published' ORDER BY a.id
"""

COMMENTS = f"""
SELECT c.id, c.article_id, c.author_name, c.author_slug, c.posted_at::text,
    extract(year FROM c.posted_at AT TIME ZONE 'Europe/London')::int, c.body, p.slug,
    {_TAGS.format(match="m.comment_id = c.id")}
FROM archive_comment c JOIN archive_article a ON a.id = c.article_id
LEFT JOIN archive_publication p ON p.id = a.publication_id
WHERE a.status = 'published' ORDER BY c.id
"""

BATCH = 5_000


def export(path: Path, progress=lambda message: None) -> Path:
    """Copy the published corpus of the current database into an SQLite file (once per scale)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    target = sqlite3.connect(partial)
    target.executescript(SCHEMA)
    params = {"shown": [str(status) for status in MentionStatus.shown()]}
    with psycopg.connect(url_for(connection.settings_dict, connection.settings_dict["NAME"])) as source:
        for table, query, width, arrays in (
            ("articles", ARTICLES, 11, (8, 9, 10)),
            ("comments", COMMENTS, 10, (8, 9)),
        ):
            insert = f"INSERT INTO {table} VALUES ({', '.join('?' * width)})"
            with source.cursor(name=f"peer_{table}") as rows:  # server-side: memory stays flat
                rows.itersize = BATCH
                rows.execute(query, params)
                batch = []
                for row in rows:
                    row = list(row)
                    for index in arrays:
                        row[index] = json.dumps(row[index])
                    batch.append(row)
                    if len(batch) == BATCH:
                        target.executemany(insert, batch)
                        batch = []
                target.executemany(insert, batch)
            target.commit()
            progress(f"peer: {table} copied to SQLite ({time.monotonic() - started:.0f} s)")
    target.executescript(INDEXES)
    target.execute("ANALYZE")
    target.commit()
    target.close()
    partial.rename(path)
    progress(f"peer: indexes and FTS5 built ({time.monotonic() - started:.0f} s)")
    return path


class Datasette:
    """`datasette serve` on the SQLite copy, immutable (-i), with time limits raised so that
    every facet is computed rather than dropped after Datasette's default 200 ms."""

    def __init__(self, executable: str, database: Path):
        self.port = free_port()
        # An immutable database's row counts are taken at start-up, which takes minutes at a million
        # comments: taken once and kept beside the file, as Datasette's docs suggest for large files.
        inspected = database.with_suffix(".inspect.json")
        if not inspected.exists():
            subprocess.run(
                [executable, "inspect", str(database), "--inspect-file", str(inspected)], check=True
            )
        self.process = subprocess.Popen(
            [
                executable,
                "serve",
                "-i",
                str(database),
                "--inspect-file",
                str(inspected),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--setting",
                "sql_time_limit_ms",
                "60000",
                "--setting",
                "facet_time_limit_ms",
                "60000",
                "--setting",
                "default_page_size",
                "20",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            probe = subprocess.run(["curl", "-sf", "-o", "/dev/null", self.base + "/"], check=False)
            if probe.returncode == 0:
                break
            time.sleep(0.2)
        else:
            self.stop()
            raise RuntimeError("Datasette did not start.")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still answering a slow page
            self.process.kill()
            self.process.wait()


FACETS = [("_facet", "publication"), ("_facet", "year"), ("_facet_array", "authors")]
FACETS += [("_facet_array", "orgs"), ("_facet_array", "terms")]


def peer_paths(database: str, values: dict) -> dict[str, str]:
    """The peer's page for each scenario it can express; (f), a quote permalink, has none.

    Datasette searches one table at a time, so its searches cover articles only,
    where the archive's cover articles and comments together.
    """

    def page(table: str, params: list[tuple[str, str]]) -> str:
        return f"/{database}/{table}?{urlencode(params)}"

    return {
        "a": page("articles", [("_search", values["phrase"]), ("_searchmode", "raw"), *FACETS]),
        "b": page("articles", [("_search", values["broad"]), *FACETS]),
        "c": page("articles", [("year", values["year"]), ("orgs__arraycontains", values["org"]), *FACETS]),
        "d": f"/{database}/articles/{values['article_id']}",
        "e": page(
            "articles", [("terms__arraycontains", values["term"]), ("_sort_desc", "published_on"), *FACETS]
        ),
        "g": page("articles", [("_search", values["broad"]), ("_sort_desc", "published_on")]),
    }
