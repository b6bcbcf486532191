"""The text-search configuration, the stored vectors and the query, rank and headline helpers.

The vectors are stored generated columns (see the models), so every write path
— admin, importer, bulk updates, raw SQL — keeps them current. This module
must not import the models: they import it.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, TextField, When
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "english"

# Titles weigh most, then the standfirst, then the body (PostgreSQL's A > B > C).
ARTICLE_VECTOR = (
    SearchVector("title", weight="A", config=CONFIG)
    + SearchVector("standfirst", weight="B", config=CONFIG)
    + SearchVector("body", weight="C", config=CONFIG)
)
# A commenter's name is searchable, a little above the words of the comment.
COMMENT_VECTOR = SearchVector("author_name", weight="B", config=CONFIG) + SearchVector(
    "body", weight="C", config=CONFIG
)

MAX_QUERY_CHARACTERS = 500

# Headlines are made with private markers that no text contains; the text is
# escaped and only then are the markers turned into <mark> elements, so nothing
# from an article, comment or query reaches the page unescaped.
START_MARK = "\x02"
STOP_MARK = "\x03"


def web_query(text: str) -> SearchQuery:
    """Web-search syntax: "quoted phrase", OR, -exclude."""
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def rank(query: SearchQuery) -> SearchRank:
    return SearchRank(F("search_vector"), query)


SHORT_TEXT_CHARACTERS = 400  # shown whole: fragments would clip the first and last words


def headline(expression, query: SearchQuery, *, whole: bool = False):
    """Highlighted fragments of a text (or all of it, for a title or a short text), with our markers."""
    whole_text = SearchHeadline(
        expression, query, config=CONFIG, start_sel=START_MARK, stop_sel=STOP_MARK, highlight_all=True
    )
    if whole:
        return whole_text
    fragments = SearchHeadline(
        expression,
        query,
        config=CONFIG,
        start_sel=START_MARK,
        stop_sel=STOP_MARK,
        fragment_delimiter=" … ",
        max_fragments=2,
        min_words=12,
        max_words=30,
    )
    return Case(
        When(GreaterThan(Length(expression), SHORT_TEXT_CHARACTERS), then=fragments),
        default=whole_text,
        output_field=TextField(),
    )


_MARKS = re.compile(f"[{START_MARK}{STOP_MARK}]")


def safe_snippet(raw: str) -> SafeString:
    """Escape a headline, then turn our markers (and only them) into <mark> elements."""
    escaped = escape(raw)
    return mark_safe(escaped.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>"))  # noqa: S308


def plain_snippet(raw: str) -> str:
    return _MARKS.sub("", raw)


def clean_query_text(text: str) -> str:
    """Strip what no search needs: control characters, and anything past the length limit."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_CHARACTERS]


def has_searchable_words(text: str) -> bool:
    """Whether a web-search query keeps any lexeme ("the", "!!!" and "" keep none)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))", [CONFIG, text])
        return cursor.fetchone()[0] > 0
