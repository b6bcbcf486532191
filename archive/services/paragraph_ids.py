"""Stable paragraph ids for articles: the Django side of archive.core.paragraph_ids.

Revisions are written by PostgreSQL triggers on every write path, so ids are worked out from
them rather than in save(): from the last revision that has stored ids (the text each article
had when ids came in, numbered as its paragraphs were: migration 0015), or from the first
revision, they are carried forward revision by revision. The same history always gives the
same ids, so nothing needs storing as it goes, and reading a page never writes.
"""

from archive.core.blocks import Block, split_blocks
from archive.core.paragraph_ids import carry_ids, first_ids
from archive.models import Article, ArticleRevision


def _texts(revision: ArticleRevision) -> list[str]:
    return [block.text for block in split_blocks(revision.body)]


def revision_ids(article: Article) -> dict[int, list[int]]:
    """Block ids by revision number, for the stored baseline and every revision after it."""
    revisions = list(
        article.revisions.order_by("number").only("pgh_id", "number", "body", "block_ids", "block_id_high")
    )
    stored = [index for index, revision in enumerate(revisions) if revision.block_ids is not None]
    if not revisions:
        return {}
    start = stored[-1] if stored else 0
    base = revisions[start]
    ids, high = (base.block_ids, base.block_id_high or 0) if stored else first_ids(_texts(base))
    found = {base.number: ids}
    for before, revision in zip(revisions[start:], revisions[start + 1 :], strict=False):
        ids, high = carry_ids(_texts(before), ids, _texts(revision), high)
        found[revision.number] = ids
    return found


def blocks_with_ids(article: Article) -> list[Block]:
    """The article's blocks as they stand, each with its stable id."""
    blocks = article.blocks
    by_number = revision_ids(article)
    ids = by_number[max(by_number)] if by_number else []
    if len(ids) != len(blocks):  # the text is not the latest revision's (an unsaved change)
        return blocks
    return [block._replace(block_id=block_id) for block, block_id in zip(blocks, ids, strict=True)]


def legacy_paragraph(article: Article, number: int, revision_number: int | None = None):
    """Where paragraph ``number`` of a revision (by default the first with ids: what #p-<n> meant
    before ids were stable) is now: ("here", id), ("gone", revision number, anchor) or None."""
    by_number = revision_ids(article)
    if not by_number:
        return None
    baseline = min(by_number)
    if revision_number is not None and revision_number not in by_number:
        # A revision from before ids were kept: its paragraph is followed into the first
        # revision with ids by the same diff that carries ids forward.
        old = article.revisions.filter(number=revision_number).first()
        if old is None or not 1 <= number <= len(_texts(old)):
            return None
        base = article.revisions.get(number=baseline)
        came_from, _ = carry_ids(_texts(old), list(range(1, len(_texts(old)) + 1)), _texts(base), 10**9)
        if number not in came_from:
            return ("gone", revision_number, f"p-{number}")
        block_id = by_number[baseline][came_from.index(number)]
    else:
        ids = by_number[revision_number if revision_number is not None else baseline]
        if not 1 <= number <= len(ids):
            return None
        block_id = ids[number - 1]
    if block_id in by_number[max(by_number)]:
        return ("here", block_id)
    last_seen = max(revision for revision, values in by_number.items() if block_id in values)
    return ("gone", last_seen, f"p-{block_id}")
