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
SCHEMA_VERSION = 5
ANALYZER = "archive"
PAIRS_ANALYZER = "archive_pairs"
LONGEST_WORD = 40  # characters; a longer "word" (a pasted address, a run of letters) is not indexed

# Titles above standfirsts above bodies above comments; a commenter's name about a standfirst.
BOOSTS = {"title": 5.0, "standfirst": 3.0, "body": 1.0, "comment": 0.7, "commenter": 1.5}
TEXT_FIELDS = list(BOOSTS)
# No text is stored in the index: snippets are cut from the texts PostgreSQL gives with the hits
# (archive.search.hits). Stored, the texts were half of the index on disk (636 of 1,374 MB at
# 100,000 articles) and the largest part of a web worker's memory: each hit's block of the store
# was mapped in as it was read (265 MB after 540 searches).
# Quoted phrases are matched in one field of their own, WORD_PAIRS, and ranked by their words
# in each field (BOOSTS); the text fields keep no positions. Each two adjacent words of a text
# value are one term there ("nhs_this"), as search engines index phrases (Elasticsearch's
# index_phrases, Lucene's shingles): a phrase of two words is one term, of more a phrase of its
# pairs. Matched by its words' positions, a phrase of common words ("in be", "NHS this") read
# every place of each word in most documents: about 80 ms a phrase, twice a search (the hits,
# then the counts), at 1,100,000 documents; its pair is in a few thousand. One field for every
# text field, because a union of one phrase query per field cannot skip ahead to the documents
# a filter leaves.
WORD_PAIRS = "word_pairs"
PAIR_JOINER = "_"  # words are letters and digits only (Tokenizer.simple), so a pair is unambiguous


def analyzer() -> tantivy.TextAnalyzer:
    """Words as readers type them: split on anything not a letter or digit, lower-cased,
    accents folded, English stems ("contracts" finds "contract"). Stop words are kept in
    the index, so a quoted phrase matches its exact words."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(LONGEST_WORD))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def unfiltered_analyzer() -> tantivy.TextAnalyzer:
    """``analyzer()`` keeping its over-long words, so that a text's words and their places can
    be paired (word_pairs); the pairing leaves out what ``analyzer()`` removes."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def raw_words() -> tantivy.TextAnalyzer:
    """The words as written: their lengths are what ``remove_long`` judges."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()


def pairs_analyzer() -> tantivy.TextAnalyzer:
    """word_pairs' values are made in Python (``word_pairs``), one pair a space apart."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def pair(first: str, second: str) -> str:
    return f"{first}{PAIR_JOINER}{second}"


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
    for name in TEXT_FIELDS:  # words and their frequencies (BM25), no positions
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field(WORD_PAIRS, tokenizer_name=PAIRS_ANALYZER, index_option="position")
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
