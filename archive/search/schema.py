"""The search index's schema and its one text analyser.

One document per article (drafts too, for the admin's search; readers' searches
require ``status:published``) and one per comment on a published article.
Titles, standfirsts, bodies and comments are separate fields so that a query
can weigh them (BOOSTS); the facet fields are columnar ("fast") so that counts
are aggregated rather than read row by row. A document's ``key`` is its id
times two, plus one for a comment: one integer for deleting, sorting ties and
reading the hit back from PostgreSQL.
"""

import tantivy

# Raised whenever the schema or the analyser changes: an index built otherwise is rebuilt.
SCHEMA_VERSION = 3
ANALYZER = "archive"

# Titles above standfirsts above bodies above comments; a commenter's name about a standfirst.
BOOSTS = {"title": 5.0, "standfirst": 3.0, "body": 1.0, "comment": 0.7, "commenter": 1.5}
TEXT_FIELDS = list(BOOSTS)
STORED_TEXT = ["title", "standfirst", "body", "comment"]  # what snippets are cut from
# Every text field again, in one field, for quoted phrases: a phrase is matched in this one
# field and ranked by its words in each field (BOOSTS). A union of one phrase query per field
# cannot skip ahead to a filter's documents, so a phrase of common words read every document
# holding them once per field: 200-340 ms at 1,100,000 documents, with a filter or without.
ALL_TEXT = "all_text"


def analyzer() -> tantivy.TextAnalyzer:
    """Words as readers type them: split on anything not a letter or digit, lower-cased,
    accents folded, English stems ("contracts" finds "contract"). Stop words are kept in
    the index, so a quoted phrase matches its exact words."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def stop_word_filter() -> tantivy.TextAnalyzer:
    """Lower-cases and drops English stop words: a bare "the" searches for nothing."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("english"))
        .build()
    )


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("key", indexed=True, fast=True)
    builder.add_text_field("kind", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("status", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("parent", indexed=True)  # a comment's article
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=name in STORED_TEXT, tokenizer_name=ANALYZER)
    builder.add_text_field(ALL_TEXT, tokenizer_name=ANALYZER)
    builder.add_unsigned_field("org", indexed=True, fast=True)
    builder.add_unsigned_field("term", indexed=True, fast=True)
    builder.add_text_field("author", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("publication", indexed=True, fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("day", indexed=True, fast=True)  # date.toordinal(), when dated
    # For the date orders, undated last both ways.
    builder.add_integer_field("newest", fast=True)
    builder.add_integer_field("oldest", fast=True)
    return builder.build()


def key_of(kind: str, pk: int) -> int:
    return pk * 2 + (kind == "comment")


def from_key(key: int) -> tuple[str, int]:
    return ("comment" if key % 2 else "article"), key // 2
