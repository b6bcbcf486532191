"""pg_trgm and the vocabulary behind "did you mean".

The vocabulary is a materialized view of the words of published pieces and of
the names of organisations, policy terms and people, with a trigram index.
archive.search.vocabulary refreshes it after imports and curators' edits.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

WORDS = r"regexp_split_to_table(lower({}), '[^a-z0-9]+')"

CREATE_VIEW = f"""
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
    dependencies = [("archive", "0003_search_vectors")]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(CREATE_VIEW, "DROP MATERIALIZED VIEW IF EXISTS archive_searchword;"),
    ]
