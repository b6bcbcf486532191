"""Making, finding and drawing quotes: the Django side of archive.core.anchoring."""

import base64
import hashlib
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.formats import date_format

from archive.core.anchoring import (
    Document,
    Resolution,
    normalise,
    normalise_with_positions,
    resolve,
    select,
    with_breaks,
)
from archive.core.blocks import split_blocks
from archive.core.times import comment_time
from archive.models import Article, Comment, Quote

MAX_QUOTE_CHARACTERS = 2000
MIN_QUOTE_CHARACTERS = 3


class QuoteError(ValueError):
    """The passage cannot be quoted; the message says why, for the reader."""


def comment_parts(body: str) -> list[str]:
    return [part for part in body.split("\n\n") if part.strip()]


def article_document(standfirst: str, body: str) -> Document:
    """An article's text (now or in a revision) as anchoring reads it: standfirst, then each block."""
    return Document.from_parts([standfirst, *(block.text for block in split_blocks(body))])


def quote_document(article: Article, comment: Comment | None) -> Document:
    if comment is not None:
        return Document.from_parts(comment_parts(comment.body))
    return article_document(article.standfirst, article.body)


def quote_id(kind: str, target_pk: int, exact: str, prefix: str, suffix: str) -> str:
    """Derived from the passage, so the same passage always gets the same link."""
    digest = hashlib.sha256(f"{kind}:{target_pk}:{prefix}\x1f{exact}\x1f{suffix}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:10].lower()


def prepare_quote(article: Article, comment: Comment | None, exact: str) -> Quote:
    """An unsaved quote of this passage, anchored in the text as it now stands."""
    exact = normalise(exact)
    if len(exact) < MIN_QUOTE_CHARACTERS:
        raise QuoteError("Select a few words to quote.")
    if len(exact) > MAX_QUOTE_CHARACTERS:
        raise QuoteError(f"A quote can be at most {MAX_QUOTE_CHARACTERS} characters; select less.")
    document = quote_document(article, comment)
    selector = select(document, exact)
    if selector is None:
        where = "this comment" if comment else "this article"
        if exact in document.text:
            raise QuoteError(
                f"Those words appear more than once in {where}; select a few more so the link is exact."
            )
        raise QuoteError(f"Those words are not in {where} as it now stands.")
    kind, target = ("comment", comment.pk) if comment else ("article", article.pk)
    return Quote(
        id=quote_id(kind, target, selector.exact, selector.prefix, selector.suffix),
        article=article,
        comment=comment,
        exact=selector.exact,
        prefix=selector.prefix,
        suffix=selector.suffix,
        start=selector.start,
        end=selector.end,
        # Only what the link needs: fields added to revisions later are not read here.
        article_revision=article.revisions.order_by("-number").only("pgh_id", "number").first(),
        comment_revision=comment.revisions.order_by("-number").only("pgh_id", "number").first()
        if comment
        else None,
    )


@transaction.atomic
def make_quote(article: Article, comment: Comment | None, exact: str) -> tuple[Quote, bool]:
    """The quote of this passage (made now, or the one made before) and whether it is new."""
    quote = prepare_quote(article, comment, exact)
    existing = Quote.objects.filter(pk=quote.pk).first()
    if existing:
        return existing, False
    quote.save(force_insert=True)
    return quote, True


def locate(quote: Quote) -> Resolution | None:
    """Where the quote stands in the text now; None when it is orphaned.

    The paragraph edges around the quote are read from the revision it was taken from, so that
    links made before anchoring knew about paragraphs are judged the same way as new ones.
    """
    selector = quote.selector
    revision = quote.revision
    if revision is not None and quote.comment_id:
        selector = with_breaks(selector, Document.from_parts(comment_parts(revision.body)))
    elif revision is not None:
        selector = with_breaks(selector, article_document(revision.standfirst, revision.body))
    return resolve(selector, quote_document(quote.article, quote.comment if quote.comment_id else None))


@dataclass
class Highlight:
    """A resolved quote mapped onto the page: which blocks it touches and where."""

    # block index -> (start, end) within that block's normalised text; -1 is the standfirst
    spans: dict[int, tuple[int, int]]


def article_highlight(article: Article, resolution: Resolution) -> Highlight:
    spans: dict[int, tuple[int, int]] = {}
    position = 0
    parts = [(-1, article.standfirst)] + list(enumerate(block.text for block in article.blocks))
    for index, raw in parts:
        part = normalise(raw)
        if not part:
            continue
        start, end = position, position + len(part)
        overlap_start, overlap_end = max(start, resolution.start), min(end, resolution.end)
        if overlap_start < overlap_end:
            spans[index] = (overlap_start - start, overlap_end - start)
        position = end + 1  # the space that joins the parts
    return Highlight(spans)


def split_for_highlight(raw: str, span: tuple[int, int] | None) -> list[tuple[str, bool]]:
    """The raw text as (text, highlighted) pieces, for a span given in its normalised form."""
    if span is None:
        return [(raw, False)]
    _, positions = normalise_with_positions(raw)
    start = positions[span[0]]
    end = positions[span[1] - 1] + 1
    pieces = [(raw[:start], False), (raw[start:end], True), (raw[end:], False)]
    return [(text, marked) for text, marked in pieces if text]


def citation(
    article: Article, url: str, accessed: date, comment: Comment | None = None, quoted: str = ""
) -> str:
    """A plain-text citation line: author, title, publication, date, the quoted words (for a
    quote), URL, date accessed."""
    title = f"“{article.title}”" + (" [title supplied by the archive]" if article.title_supplied else "")
    publication = article.publication.name if article.publication else ""
    source = ", ".join(part for part in (publication, article.date_display) if part)
    if comment is not None:
        posted = comment_time(comment)
        posted = posted.display if posted else "date unknown"
        head = f"{comment.author_name}, reader's comment ({posted}) on {title} ({source})"
    else:
        authors = ", ".join(person.name for person in article.authors.all()) or "Author unknown"
        head = f"{authors}, {title}, {source}"
    if quoted:
        head += f": “{quoted}”"
    return f"{head}. GP Contract Archive. {url} (accessed {date_format(accessed, 'j F Y')})."
