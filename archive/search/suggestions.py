""" "Did you mean": each unknown word of a query replaced by the nearest word of the archive.

Nearness is pg_trgm trigram similarity over the vocabulary view (migration 0004):
the words of published pieces and the names of bodies, terms and people.
"""

import re

from django.db import connection

MIN_SIMILARITY = 0.35
OPERATORS = {"or", "and", "not"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")
# Each of the words that is not in the vocabulary, with the nearest one that is (or NULL): trigram
# similar (pg_trgm's % operator, which the view's trigram index answers) and at least
# MIN_SIMILARITY alike, the most alike first, then the most frequent, then by spelling. One query
# for every word of a search (it was one to find the unknown words and one for each of them, run
# for every search page).
_NEAREST_TO_UNKNOWN = """
    SELECT asked.word, (
        SELECT known.word FROM archive_searchword known
        WHERE known.word %% asked.word AND similarity(known.word, asked.word) >= %s
        ORDER BY similarity(known.word, asked.word) DESC, known.frequency DESC, known.word
        LIMIT 1
    )
    FROM unnest(%s::text[]) AS asked(word)
    WHERE NOT EXISTS (SELECT FROM archive_searchword known WHERE known.word = asked.word)
"""


def suggest(query_text: str) -> str | None:
    """The query with misspelt words replaced, or None when there is nothing to offer."""
    words = {match.group().lower() for match in _WORD.finditer(query_text)} - OPERATORS
    if not words:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_NEAREST_TO_UNKNOWN, [MIN_SIMILARITY, sorted(words)])
        replacements = {word: best for word, best in cursor.fetchall() if best}
    if not replacements:
        return None

    def replace(match):
        original = match.group()
        return replacements.get(original.lower(), original)

    return _WORD.sub(replace, query_text)
