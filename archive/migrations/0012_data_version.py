"""A counter that moves whenever the archive's public data changes, for the search cache.

Statement-level triggers on every table a search or a browse page reads bump
it, on every write path (admin, importer, COPY in the benchmark, raw SQL).
Cached search results are keyed by it (archive.search.cache), so a change is
seen by the next request without anyone having to say what to invalidate.
"""

from django.db import migrations

TABLES = [
    "archive_article",
    "archive_comment",
    "archive_article_authors",
    "archive_organisationmention",
    "archive_termmention",
    "archive_organisation",
    "archive_policyterm",
    "archive_person",
    "archive_publication",
]

CREATE = """
CREATE TABLE archive_dataversion (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO archive_dataversion VALUES (1, 0);
CREATE FUNCTION archive_bump_data_version() RETURNS trigger AS $$
BEGIN
    UPDATE archive_dataversion SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION archive_bump_data_version();\n"
    for table in TABLES
)

DROP = "".join(f"DROP TRIGGER {table}_data_version ON {table};\n" for table in TABLES) + (
    "DROP FUNCTION archive_bump_data_version();\nDROP TABLE archive_dataversion;\n"
)


class Migration(migrations.Migration):
    dependencies = [("archive", "0011_search_indexes")]

    operations = [migrations.RunSQL(CREATE, DROP)]
