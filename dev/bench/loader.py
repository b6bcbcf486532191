"""Loads a synthetic corpus into the current database fast: COPY, streaming, indexes built after.

Runs inside Django (the bench command points DATABASE_URL at a separate
benchmark database), so small tables go through the ORM and the large ones
through psycopg's COPY, one row at a time, so memory stays flat.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils.text import slugify

from archive.models import (
    Article,
    ArticleAuthor,
    Comment,
    Organisation,
    OrganisationMention,
    Person,
    PolicyTerm,
    Publication,
    TermMention,
)
from archive.services.seed import load_taxonomy
from dev.bench.corpus import CorpusSpec, Generator, Vocabulary, person_names, publication_names

LONDON = ZoneInfo("Europe/London")
GIN_INDEXES = {
    # migration 0013's
    "article_facet_organisations_idx": "archive_article USING gin (facet_organisations)",
    "article_facet_terms_idx": "archive_article USING gin (facet_terms)",
    "article_facet_authors_idx": "archive_article USING gin (facet_authors)",
    "comment_facet_organisations_idx": "archive_comment USING gin (facet_organisations)",
    "comment_facet_terms_idx": "archive_comment USING gin (facet_terms)",
}
# Off during the load: the revisions are not needed, and the facet columns are written by the
# COPY itself (migration 0013's triggers would rewrite every row a second time), and the search
# index is rebuilt from the loaded tables (queuing 1,100,000 outbox rows would only repeat that).
TRIGGERS = [
    *(
        (model._meta.db_table, trigger.get_pgid(model))
        for model in (ArticleAuthor, OrganisationMention, TermMention)
        for trigger in model._meta.triggers
        if trigger.name == "facets_insert"
    ),
    *(
        (model._meta.db_table, trigger.get_pgid(model))
        for model in (Article, Comment)
        for trigger in model._meta.triggers
        if trigger.name != "data_version"
    ),
]


@dataclass
class LoadReport:
    articles: int
    comments: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return (self.articles + self.comments) / self.seconds if self.seconds else 0.0


def is_loaded(spec: CorpusSpec) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_article")
        return cursor.fetchone()[0] == spec.articles


def load(spec: CorpusSpec, progress: Callable[[str], None] = print) -> LoadReport:
    started = time.monotonic()
    vocabulary = Vocabulary.from_fixtures()
    generator = Generator(spec, vocabulary)
    with transaction.atomic():
        _empty_archive()
        load_taxonomy()
        organisation_ids = _ids(Organisation, [slug for slug, _ in vocabulary.organisations])
        term_ids = _ids(PolicyTerm, [slug for slug, _ in vocabulary.terms])
        people = _bulk_people(spec)
        publication_ids = _bulk_publications(spec)
        with connection.cursor() as cursor:
            for table, trigger in TRIGGERS:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
            for name in GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        published = _copy_articles(
            generator, spec, organisation_ids, term_ids, people, publication_ids, progress
        )
        _copy_comments(generator, spec, published, term_ids, progress)
        with connection.cursor() as cursor:
            progress("checking foreign keys and building the facet indexes…")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # Django's deferred FK checks run now
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for name, definition in GIN_INDEXES.items():
                cursor.execute(f"CREATE INDEX {name} ON {definition}")
            for table, trigger in TRIGGERS:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
            for table in (
                "archive_article",
                "archive_comment",
                "archive_organisationmention",
                "archive_termmention",
            ):
                highest = f"(SELECT coalesce(max(id), 1) FROM {table})"
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {highest})")
    with connection.cursor() as cursor:
        # VACUUM as well as ANALYZE: rows just copied in carry no hint bits and no page is marked
        # all-visible, so the first reads of each page (the benchmark's first run) would set them,
        # as autovacuum does on a live archive soon after a bulk import. (Not possible inside a
        # transaction: a test's load is only analysed.)
        progress("vacuuming, analysing and refreshing the search vocabulary…")
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        cursor.execute("REFRESH MATERIALIZED VIEW archive_searchword")
    return LoadReport(spec.articles, spec.comments, time.monotonic() - started)


def _empty_archive() -> None:
    with connection.cursor() as cursor:
        tables = (
            "archive_quote, archive_termmention, archive_organisationmention, archive_commentrevision, "
            "archive_articlerevision, archive_comment, archive_article_authors, archive_slugredirect, "
            "archive_article, archive_person, archive_publication, archive_searchoutbox"
        )
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def _ids(model, slugs: list[str]) -> list[int]:
    by_slug = dict(model.objects.values_list("slug", "id"))
    return [by_slug[slug] for slug in slugs]


def _bulk_people(spec: CorpusSpec) -> list[Person]:
    people = [Person(name=name, slug=slugify(name)) for name in person_names(spec.authors)]
    return Person.objects.bulk_create(people)


def _bulk_publications(spec: CorpusSpec) -> list[int]:
    names = publication_names(spec.publications)
    publications = [Publication(name=name, slug=slugify(name)) for name in names]
    return [publication.pk for publication in Publication.objects.bulk_create(publications)]


BATCH = 5_000  # articles per COPY; their authors and tags are copied between batches


def _copy_articles(generator, spec, organisation_ids, term_ids, people, publication_ids, progress):
    """Articles in batches: one COPY may be open on a connection at a time, so each batch's
    authors and tags follow it, and memory holds one batch's links, whatever the corpus size."""
    now = datetime.now(UTC)
    published = {}
    started = time.monotonic()
    columns = (
        "id, title, title_supplied, slug, standfirst, body, pull_quotes, publication_id, source_url, "
        "published_on, date_precision, date_approximate, date_note, status, source_text, source_hash, "
        "created_at, updated_at, facet_organisations, facet_terms, facet_authors"
    )
    rows = generator.articles()
    with connection.cursor() as cursor:
        while batch := list(islice(rows, BATCH)):
            authors, organisations, terms = [], [], []
            with cursor.copy(f"COPY archive_article ({columns}) FROM STDIN") as copy:
                for row in batch:
                    row_organisations = sorted({organisation_ids[index - 1] for index in row.organisations})
                    row_terms = sorted({term_ids[index - 1] for index in row.terms})
                    row_authors = sorted({people[index - 1].slug for index in row.authors})
                    copy.write_row(
                        (
                            row.id,
                            row.title,
                            False,
                            f"bench-{row.id}",
                            row.standfirst,
                            row.body,
                            [],
                            publication_ids[row.publication - 1],
                            "",
                            row.published_on,
                            "day",
                            False,
                            "",
                            "published",
                            "",
                            "",
                            now,
                            now,
                            row_organisations,
                            row_terms,
                            row_authors,
                        )
                    )
                    published[row.id] = row.published_on
                    authors += [(row.id, people[index - 1].pk) for index in row.authors]
                    organisations += [
                        (row.id, organisation_ids[index - 1], count)
                        for index, count in row.organisations.items()
                    ]
                    terms += [(row.id, term_ids[index - 1], count) for index, count in row.terms.items()]
            _flush(cursor, authors, organisations, terms, now)
            done = batch[-1].id
            progress(
                f"articles: {done:,} of {spec.articles:,} ({done / (time.monotonic() - started):,.0f} rows/s)"
            )
    return published


def _flush(cursor, authors, organisations, terms, now) -> None:
    with cursor.copy("COPY archive_article_authors (article_id, person_id) FROM STDIN") as copy:
        for row in authors:
            copy.write_row(row)
    with cursor.copy(
        "COPY archive_organisationmention (article_id, organisation_id, count, status, updated_at) FROM STDIN"
    ) as copy:
        for article, organisation, count in organisations:
            copy.write_row((article, organisation, count, "detected", now))
    with cursor.copy(
        "COPY archive_termmention (article_id, term_id, count, status, updated_at) FROM STDIN"
    ) as copy:
        for article, term, count in terms:
            copy.write_row((article, term, count, "detected", now))


def _copy_comments(generator, spec, published, term_ids, progress) -> None:
    now = datetime.now(UTC)
    started = time.monotonic()
    mentions = []
    with connection.cursor() as cursor:
        columns = "id, article_id, author_name, posted_at, body, position, created_at, facet_terms"
        with cursor.copy(f"COPY archive_comment ({columns}) FROM STDIN") as copy:
            for row in generator.comments(published):
                copy.write_row(
                    (
                        row.id,
                        row.article,
                        row.author_name,
                        row.posted_at.replace(tzinfo=LONDON),
                        row.body,
                        row.position,
                        now,
                        sorted({term_ids[index - 1] for index in row.terms}),
                    )
                )
                mentions += [
                    (row.article, row.id, term_ids[index - 1], count) for index, count in row.terms.items()
                ]
                if row.id % 100_000 == 0:
                    rate = row.id / (time.monotonic() - started)
                    progress(f"comments: {row.id:,} of {spec.comments:,} ({rate:,.0f} rows/s)")
        with cursor.copy(
            "COPY archive_termmention (article_id, comment_id, term_id, count, status, updated_at) FROM STDIN"
        ) as copy:
            for article, comment, term, count in mentions:
                copy.write_row((article, comment, term, count, "detected", now))
