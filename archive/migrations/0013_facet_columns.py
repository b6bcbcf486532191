"""Each article's and comment's shown tags and authors, stored on its own row for the search.

Filtering and counting facets by looking up every hit's mentions cost most of a
browse or topic page at 100,000 articles (docs/benchmarks.md, issue #6): the
ids of the shown bodies and topics, and an article's authors' slugs, are kept
on the row instead, so a filter is an array test on the row itself (with a GIN
index for the selective ones) and a facet count reads nothing else.

The columns are written only by the triggers below, on every write path
(admin, importer, COPY, raw SQL), and are unknown to the Django models, so that
a model's save can never write a stale copy back (archive.models.facet_columns).
A tag is shown when its status is detected, confirmed or added
(MentionStatus.shown(); tests/test_facet_columns.py checks the two agree).
"""

from django.db import migrations

SHOWN = "('detected', 'confirmed', 'added')"

COLUMNS = """
ALTER TABLE archive_article
    ADD COLUMN facet_organisations bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN facet_terms bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN facet_authors text[] NOT NULL DEFAULT '{}';
ALTER TABLE archive_comment
    ADD COLUMN facet_organisations bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN facet_terms bigint[] NOT NULL DEFAULT '{}';
"""

# Rows are rewritten only when a value changes, so a no-op tag edit costs no new row versions.
REFRESH = f"""
CREATE FUNCTION archive_refresh_article_facets(ids bigint[]) RETURNS void AS $$
    UPDATE archive_article a
    SET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors
    FROM (
        SELECT x.id,
            ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m
                  WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN {SHOWN}
                  ORDER BY 1) AS organisations,
            ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m
                  WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN {SHOWN}
                  ORDER BY 1) AS terms,
            ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa
                  JOIN archive_person p ON p.id = aa.person_id
                  WHERE aa.article_id = x.id ORDER BY 1) AS authors
        FROM unnest(ids) AS x(id)
    ) AS fresh
    WHERE a.id = fresh.id
      AND (a.facet_organisations, a.facet_terms, a.facet_authors)
          IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);
$$ LANGUAGE sql;

CREATE FUNCTION archive_refresh_comment_facets(ids bigint[]) RETURNS void AS $$
    UPDATE archive_comment c
    SET facet_organisations = fresh.organisations, facet_terms = fresh.terms
    FROM (
        SELECT x.id,
            ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m
                  WHERE m.comment_id = x.id AND m.status IN {SHOWN} ORDER BY 1) AS organisations,
            ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m
                  WHERE m.comment_id = x.id AND m.status IN {SHOWN} ORDER BY 1) AS terms
        FROM unnest(ids) AS x(id)
    ) AS fresh
    WHERE c.id = fresh.id
      AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);
$$ LANGUAGE sql;
"""

# Statement-level triggers see every changed row at once (transition tables), so a COPY or a
# bulk update refreshes each touched article or comment once. PostgreSQL allows transition
# tables only on single-event triggers, hence one trigger per event.
TRIGGER_FUNCTIONS = """
CREATE FUNCTION archive_mentions_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM archive_refresh_article_facets(ARRAY(
            SELECT DISTINCT article_id FROM new_rows WHERE comment_id IS NULL));
        PERFORM archive_refresh_comment_facets(ARRAY(
            SELECT DISTINCT comment_id FROM new_rows WHERE comment_id IS NOT NULL));
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM archive_refresh_article_facets(ARRAY(
            SELECT DISTINCT article_id FROM old_rows WHERE comment_id IS NULL));
        PERFORM archive_refresh_comment_facets(ARRAY(
            SELECT DISTINCT comment_id FROM old_rows WHERE comment_id IS NOT NULL));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION archive_authors_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM archive_refresh_article_facets(ARRAY(SELECT DISTINCT article_id FROM new_rows));
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM archive_refresh_article_facets(ARRAY(SELECT DISTINCT article_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION archive_person_slug_changed() RETURNS trigger AS $$
BEGIN
    PERFORM archive_refresh_article_facets(ARRAY(
        SELECT DISTINCT aa.article_id FROM archive_article_authors aa
        JOIN new_rows ON new_rows.id = aa.person_id
        JOIN old_rows ON old_rows.id = new_rows.id
        WHERE new_rows.slug IS DISTINCT FROM old_rows.slug));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

WATCHED = {
    "archive_organisationmention": "archive_mentions_changed",
    "archive_termmention": "archive_mentions_changed",
    "archive_article_authors": "archive_authors_changed",
}


def _triggers() -> str:
    statements = []
    for table, function in WATCHED.items():
        for event, tables in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            statements.append(
                f"CREATE TRIGGER {table}_facets_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
            )
    statements.append(
        "CREATE TRIGGER archive_person_facets_update AFTER UPDATE ON archive_person "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION archive_person_slug_changed();"
    )
    return "\n".join(statements)


TRIGGER_NAMES = [
    *(f"{table} {table}_facets_{event}" for table in WATCHED for event in ("insert", "update", "delete")),
    "archive_person archive_person_facets_update",
]

# Existing rows: only those with a tag or an author can have anything to store.
BACKFILL = """
SELECT archive_refresh_article_facets(ARRAY(
    SELECT article_id FROM archive_organisationmention WHERE comment_id IS NULL
    UNION SELECT article_id FROM archive_termmention WHERE comment_id IS NULL
    UNION SELECT article_id FROM archive_article_authors));
SELECT archive_refresh_comment_facets(ARRAY(
    SELECT comment_id FROM archive_organisationmention WHERE comment_id IS NOT NULL
    UNION SELECT comment_id FROM archive_termmention WHERE comment_id IS NOT NULL));
"""

# For the selective filters ("this body", "this topic", "this author") without a search.
INDEXES = """
CREATE INDEX article_facet_organisations_idx ON archive_article USING gin (facet_organisations);
CREATE INDEX article_facet_terms_idx ON archive_article USING gin (facet_terms);
CREATE INDEX article_facet_authors_idx ON archive_article USING gin (facet_authors);
CREATE INDEX comment_facet_organisations_idx ON archive_comment USING gin (facet_organisations);
CREATE INDEX comment_facet_terms_idx ON archive_comment USING gin (facet_terms);
"""

DROP = (
    "".join(f"DROP TRIGGER {name.split()[1]} ON {name.split()[0]};\n" for name in TRIGGER_NAMES)
    + """
DROP FUNCTION archive_mentions_changed();
DROP FUNCTION archive_authors_changed();
DROP FUNCTION archive_person_slug_changed();
DROP FUNCTION archive_refresh_article_facets(bigint[]);
DROP FUNCTION archive_refresh_comment_facets(bigint[]);
ALTER TABLE archive_article DROP COLUMN facet_organisations, DROP COLUMN facet_terms, DROP COLUMN facet_authors;
ALTER TABLE archive_comment DROP COLUMN facet_organisations, DROP COLUMN facet_terms;
"""
)


class Migration(migrations.Migration):
    dependencies = [("archive", "0012_data_version")]

    operations = [migrations.RunSQL(COLUMNS + REFRESH + TRIGGER_FUNCTIONS + _triggers() + BACKFILL + INDEXES, DROP)]
