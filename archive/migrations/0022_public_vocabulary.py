""""Did you mean" takes names only of what readers may see (issue 17).

The vocabulary (migration 0004) took every organisation's, term's and person's name,
whatever the status of the pieces behind them, so a draft's new author was offered as
a suggestion. Here the names are those of the ``.public()`` querysets (Person,
Organisation, PolicyTerm: "appears through a published piece"), written in SQL; a
test (tests/test_drafts.py) checks the two agree.
"""

from django.db import migrations

WORDS = r"regexp_split_to_table(lower({}), '[^a-z0-9]+')"
SHOWN = "('detected', 'confirmed', 'added')"
PUBLISHED_QUOTE = (
    "SELECT 1 FROM archive_quote q JOIN archive_article qa ON qa.id = q.article_id "
    "WHERE qa.status = 'published' AND "
)


def mentioned(table: str, column: str, alias: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM {table} m JOIN archive_article ma ON ma.id = m.article_id "
        f"WHERE m.{column} = {alias}.id AND m.status IN {SHOWN} AND ma.status = 'published')"
    )


CREATE_VIEW = f"""
DROP MATERIALIZED VIEW IF EXISTS archive_searchword;
CREATE MATERIALIZED VIEW archive_searchword AS
SELECT word, count(*) AS frequency
FROM (
    SELECT {WORDS.format("a.title || ' ' || a.standfirst || ' ' || a.body")} AS word
    FROM archive_article a WHERE a.status = 'published'
    UNION ALL
    SELECT {WORDS.format("c.author_name || ' ' || c.body")}
    FROM archive_comment c JOIN archive_article a ON a.id = c.article_id WHERE a.status = 'published'
    UNION ALL
    SELECT {WORDS.format("o.name || ' ' || o.abbreviation || ' ' || array_to_string(o.aliases, ' ')")}
    FROM archive_organisation o
    WHERE {mentioned("archive_organisationmention", "organisation_id", "o")}
       OR EXISTS ({PUBLISHED_QUOTE} q.speaker_organisation_id = o.id)
       OR EXISTS ({PUBLISHED_QUOTE} q.speaker_id IN (SELECT id FROM archive_person WHERE organisation_id = o.id))
    UNION ALL
    SELECT {WORDS.format("t.name || ' ' || t.abbreviation || ' ' || array_to_string(t.aliases, ' ')")}
    FROM archive_policyterm t
    WHERE {mentioned("archive_termmention", "term_id", "t")}
       OR EXISTS ({PUBLISHED_QUOTE} q.id IN (SELECT quote_id FROM archive_quote_topics WHERE policyterm_id = t.id))
    UNION ALL
    SELECT {WORDS.format("p.name")} FROM archive_person p
    WHERE EXISTS (
        SELECT 1 FROM archive_article_authors aa JOIN archive_article a ON a.id = aa.article_id
        WHERE aa.person_id = p.id AND a.status = 'published'
    )
       OR EXISTS ({PUBLISHED_QUOTE} q.speaker_id = p.id)
) AS words
WHERE length(word) >= 3
GROUP BY word;
CREATE UNIQUE INDEX archive_searchword_word ON archive_searchword (word);
CREATE INDEX archive_searchword_trgm ON archive_searchword USING gin (word gin_trgm_ops);
"""

PREVIOUS_VIEW = f"""
DROP MATERIALIZED VIEW IF EXISTS archive_searchword;
CREATE MATERIALIZED VIEW archive_searchword AS
SELECT word, count(*) AS frequency
FROM (
    SELECT {WORDS.format("a.title || ' ' || a.standfirst || ' ' || a.body")} AS word
    FROM archive_article a WHERE a.status = 'published'
    UNION ALL
    SELECT {WORDS.format("c.author_name || ' ' || c.body")}
    FROM archive_comment c JOIN archive_article a ON a.id = c.article_id WHERE a.status = 'published'
    UNION ALL
    SELECT {WORDS.format("o.name || ' ' || o.abbreviation || ' ' || array_to_string(o.aliases, ' ')")}
    FROM archive_organisation o
    UNION ALL
    SELECT {WORDS.format("t.name || ' ' || t.abbreviation || ' ' || array_to_string(t.aliases, ' ')")}
    FROM archive_policyterm t
    UNION ALL
    SELECT {WORDS.format("p.name")} FROM archive_person p
) AS words
WHERE length(word) >= 3
GROUP BY word;
CREATE UNIQUE INDEX archive_searchword_word ON archive_searchword (word);
CREATE INDEX archive_searchword_trgm ON archive_searchword USING gin (word gin_trgm_ops);
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0021_rate_counters")]

    operations = [migrations.RunSQL(CREATE_VIEW, PREVIOUS_VIEW)]
