"""Quoted phrases found through an index of adjacent word pairs (migration 0014).

The full-text index knows which words a text holds but not in what order, so a
phrase of common words ("NHS operating model") was checked by reading every
vector that holds all its words: 28,053 of them for 1,939 matches at 100,000
articles (docs/benchmarks.md). Migration 0014 indexes each vector's pairs of
adjacent words (as hashes); a text that holds a phrase holds each of its
adjacent pairs, so requiring the phrase's pairs narrows the rows to check to
those few, and the full-text match still decides.

Only phrases every hit must contain are used: with OR or an exclusion in the
query, no pairs are required and the search runs as before. PostgreSQL is asked
for a phrase's pairs, with the same configuration as the query, so both sides
split and stem the words alike.
"""

import functools
import re

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains
from django.db import connection
from django.db.models import F, Func, IntegerField, Value

from archive.search.vectors import CONFIG

_QUOTED = re.compile(r'"([^"]*)"')


def required_phrases(text: str) -> list[str]:
    """The quoted phrases of a web-search query that every hit must contain.

    None when the query has OR or a minus anywhere outside its quotes, or an
    unmatched quote: such a query is left to the full-text match alone.
    """
    if text.count('"') % 2:
        return []
    outside = _QUOTED.sub(" ", text)
    if "-" in outside or any(word.lower() == "or" for word in outside.split()):
        return []
    return [phrase for phrase in _QUOTED.findall(text) if phrase.strip()]


@functools.lru_cache(maxsize=512)
def phrase_pairs(text: str) -> tuple[int, ...]:
    """The hashed adjacent word pairs that a text must hold to match the query ``text``."""
    phrases = required_phrases(text)
    if not phrases:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT unnest(archive_word_pairs(to_tsvector(%s::regconfig, phrase))) "
            "FROM unnest(%s::text[]) AS phrase ORDER BY 1",
            [CONFIG, phrases],
        )
        return tuple(row[0] for row in cursor.fetchall())


def holding_pairs(pairs) -> DataContains:
    """A condition on a search vector's pairs that the pair index (migration 0014) answers."""
    array = ArrayField(IntegerField())
    stored = Func(F("search_vector"), function="archive_word_pairs", output_field=array)
    return DataContains(stored, Value(list(pairs), output_field=array))
