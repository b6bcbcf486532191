""" "Did you mean": each unknown word of a query replaced by the nearest word of the archive.

Nearness is pg_trgm trigram similarity over the vocabulary view (migration 0004):
the words of published pieces and the names of bodies, terms and people.
"""

import re

from django.contrib.postgres.search import TrigramSimilarity

from archive.models import SearchWord

MIN_SIMILARITY = 0.35
OPERATORS = {"or", "and", "not"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")


def suggest(query_text: str) -> str | None:
    """The query with misspelt words replaced, or None when there is nothing to offer."""
    words = {match.group().lower() for match in _WORD.finditer(query_text)} - OPERATORS
    if not words:
        return None
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    replacements = {}
    for word in sorted(words - known):
        best = (
            SearchWord.objects.annotate(similarity=TrigramSimilarity("word", word))
            .filter(word__trigram_similar=word, similarity__gte=MIN_SIMILARITY)
            .order_by("-similarity", "-frequency", "word")
            .values_list("word", flat=True)
            .first()
        )
        if best:
            replacements[word] = best
    if not replacements:
        return None

    def replace(match):
        original = match.group()
        return replacements.get(original.lower(), original)

    return _WORD.sub(replace, query_text)
