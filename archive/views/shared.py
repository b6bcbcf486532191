"""What the page views share, so that no view module imports another: the article page's text and
context (drawn again, with a quote marked, by the quote page), and the "follow and reuse" links of
a search or a subject page: its Atom feed, JSON and CSV.

The reuse links carry the page's own state (its search words and filters), so the feed, the JSON
and the spreadsheet hold what the reader is looking at.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from archive.core.blocks import LinkedBlock, group_lists
from archive.core.comment_threads import thread_comments
from archive.core.glossary_links import link_first_mentions
from archive.core.tagger import TagEntry, Tagger
from archive.models import MentionStatus, PolicyTerm
from archive.search.cache import data_version, per_data_version
from archive.services.paragraph_ids import blocks_with_ids
from archive.services.quotes import split_for_highlight

# The CSV export of a search (archive.views.exports) stops here; its reuse link says so.
MAX_ROWS = 10_000


def linked_blocks(article, highlights: dict[int, tuple[int, int]] | None = None):
    """The article's blocks as segments (text, policy term or None, mark or None) for the page.

    The first mention of each term in a section links to the glossary; a block
    that holds a quote (``highlights``: block index -> span) is marked instead.
    """
    rejected = set(
        article.term_mentions.in_article_text()
        .filter(status=MentionStatus.REJECTED)
        .values_list("term_id", flat=True)
    )
    if rejected:  # rare: this article's own tagger, without the terms a curator rejected for it
        terms = {term.pk: term for term in PolicyTerm.objects.public().exclude(pk__in=rejected)}
        tagger = _tagger_of(terms)
    else:
        terms, tagger = _public_terms_and_tagger()
    blocks = blocks_with_ids(article)
    linked = link_first_mentions([(block.kind, block.text) for block in blocks], tagger.find)
    first_marked = min(highlights) if highlights else None
    result = []
    for index, (block, parts) in enumerate(zip(blocks, linked, strict=True)):
        if highlights and index in highlights:
            mark = "first" if index == first_marked else "rest"
            pieces = split_for_highlight(block.text, highlights[index])
            segments = [(text, None, mark if marked else None) for text, marked in pieces]
        else:
            segments = [(text, terms[key] if key else None, None) for text, key in parts]
        result.append(LinkedBlock(*block, segments=segments))
    return result


def _tagger_of(terms: dict) -> Tagger:
    return Tagger.build(TagEntry(pk, term.tagger_names()) for pk, term in terms.items())


def _read_public_terms_and_tagger() -> tuple[dict, Tagger]:
    terms = {term.pk: term for term in PolicyTerm.objects.public()}
    return terms, _tagger_of(terms)


# Compiling the glossary's patterns took a third of an article page's time (30 ms at 100,000
# articles): the public terms and their tagger are kept while the data is unchanged.
_public_terms_and_tagger = per_data_version(_read_public_terms_and_tagger)


def once(compute):
    """A value worked out only if, and the first time, a template asks for it (templates call
    callables): the article page's text and comments are drawn inside a fragment cached under
    the data version (article_detail.html), so on a hit the work is skipped altogether."""
    return functools.cache(compute)


def article_context(request, article) -> dict:
    """What the article page draws; the quote page draws the same with a quote marked."""
    comments = once(lambda: list(article.comments.order_by("position", "posted_at", "id")))
    return {
        "article": article,
        "data_version": data_version(),  # part of the cached fragments' keys
        "cache_seconds": settings.CACHE_SECONDS,
        "block_groups": once(lambda: group_lists(linked_blocks(article))),
        "comments": comments,
        "comment_threads": once(lambda: thread_comments(comments())),
        "organisation_tags": article.organisation_mentions.shown()
        .in_article_text()
        .select_related("organisation"),
        "term_tags": article.term_mentions.shown().in_article_text().select_related("term"),
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
    }


@dataclass
class ReuseLinks:
    feed_url: str
    feed_title: str
    json_url: str
    csv_url: str
    capped: bool  # the CSV stops at MAX_ROWS
    max_rows: str = f"{MAX_ROWS:,}"  # as the page shows it


def _with(path: str, params: QueryDict) -> str:
    query = params.urlencode()
    return f"{path}?{query}" if query else path


def reuse_links(outcome, feed_path: str, feed_title: str) -> ReuseLinks:
    """``feed_path`` is the feed of the page's subject (its fixed filter is in the path)."""
    everything = outcome.state.filter_data()  # the page's parameters and its fixed subject
    everything.pop("page", None)
    for_feed = outcome.state.params.copy()
    for name in ("page", "sort"):  # a feed is always its newest first page
        for_feed.pop(name, None)
    return ReuseLinks(
        feed_url=_with(feed_path, for_feed),
        feed_title=feed_title,
        json_url=_with(reverse("api_search"), everything),
        csv_url=_with(reverse("export_search_csv"), everything),
        capped=outcome.total > MAX_ROWS,
    )
