"""Merging an accidental duplicate into the original piece (curators cannot delete pieces).

The original is the piece imported first. A duplicate's comments move to it unless it
already has the same comment (same author and time); its addresses, old ones included,
answer 301 to the original through SlugRedirect, so no permalink breaks.
"""

from dataclasses import dataclass

from django.db import transaction

from archive.models import Article, Comment, OrganisationMention, SlugRedirect, TermMention
from archive.search.vocabulary import refresh_vocabulary


class MergeRefused(Exception):
    """A merge that would lose something; nothing was changed."""


@dataclass(frozen=True)
class MergeReport:
    original: Article
    merged: list[str]  # the duplicates' titles
    comments_moved: int
    comments_already_there: int


def merge_duplicates(articles) -> MergeReport:
    """Merge every article in ``articles`` into the earliest imported one, in one transaction."""
    articles = sorted(articles, key=lambda article: (article.created_at, article.pk))
    if len(articles) < 2:
        raise MergeRefused("Select the original and at least one duplicate of it.")
    original, duplicates = articles[0], articles[1:]
    quoted = [article.title for article in duplicates if article.quotes.exists()]
    if quoted:
        # A quote link names its piece and the revision it was taken from; moving it would
        # silently re-point a published citation, so a curator decides instead.
        raise MergeRefused(f"“{quoted[0]}” has quote links; it cannot be merged without breaking them.")
    moved = already = 0
    with transaction.atomic():
        stored = set(original.comments.values_list("author_name", "posted_at"))
        position = original.comments.count()
        for duplicate in duplicates:
            for comment in duplicate.comments.order_by("position", "pk"):
                if (comment.author_name, comment.posted_at) in stored:
                    comment.delete()
                    already += 1
                    continue
                position += 1
                stored.add((comment.author_name, comment.posted_at))
                Comment.objects.filter(pk=comment.pk).update(article=original, position=position)
                # Its tags go with it (they would otherwise be deleted with the duplicate).
                for mention in (OrganisationMention, TermMention):
                    mention.objects.filter(comment=comment).update(article=original)
                moved += 1
            SlugRedirect.objects.filter(article=duplicate).update(article=original)
            old_slug = duplicate.slug
            duplicate.delete()
            SlugRedirect.objects.create(old_slug=old_slug, article=original)
        refresh_vocabulary()
    return MergeReport(original, [article.title for article in duplicates], moved, already)
