"""An index of each search vector's adjacent word pairs, for quoted phrases (archive.search.phrases).

A pair is hashed to an integer (hashtext, as PostgreSQL's own hash indexes do):
a collision only lets an extra row through to the full-text check, which still
decides. Positions come from the stored vector, so a word the vector skips (a
stop word) leaves a gap and forms no pair, as in a phrase query, where it
matches any word.
"""

from django.db import migrations

FUNCTION = """
CREATE FUNCTION archive_word_pairs(vector tsvector) RETURNS integer[] AS $$
    SELECT coalesce(array_agg(DISTINCT hashtext(first.lexeme || ' ' || second.lexeme)), '{}')
    FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS first
    JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS second
        ON second.position = first.position + 1
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
"""

INDEXES = """
CREATE INDEX article_word_pairs_idx ON archive_article USING gin (archive_word_pairs(search_vector));
CREATE INDEX comment_word_pairs_idx ON archive_comment USING gin (archive_word_pairs(search_vector));
"""

DROP = """
DROP INDEX comment_word_pairs_idx;
DROP INDEX article_word_pairs_idx;
DROP FUNCTION archive_word_pairs(tsvector);
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_facet_columns")]

    operations = [migrations.RunSQL(FUNCTION + INDEXES, DROP)]
