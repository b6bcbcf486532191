"""Runs the tagger over articles and comments and stores mentions, respecting curators.

Rules for re-tagging: a ``detected`` mention's count is refreshed, and it is
deleted when the text no longer mentions it; a curator's ``confirmed``,
``added`` or ``rejected`` decision is never changed or removed (only its count
is refreshed).
"""

from collections import Counter
from dataclasses import dataclass

from archive.core.tagger import TagEntry, Tagger
from archive.models import (
    Article,
    MentionStatus,
    Organisation,
    OrganisationMention,
    PolicyTerm,
    TermMention,
)

ORGANISATION = "organisation"
TERM = "term"


def build_tagger() -> Tagger:
    entries = [
        TagEntry((ORGANISATION, organisation.pk), organisation.tagger_names())
        for organisation in Organisation.objects.all()
    ]
    entries += [TagEntry((TERM, term.pk), term.tagger_names()) for term in PolicyTerm.objects.all()]
    return Tagger.build(entries)


def article_text(title: str, standfirst: str, body: str) -> str:
    # Pull quotes repeat the body, so they are not counted twice.
    return "\n\n".join(part for part in (title, standfirst, body) if part)


@dataclass
class TagSummary:
    created: int = 0
    updated: int = 0
    removed: int = 0


def tag_article(article: Article, tagger: Tagger | None = None) -> TagSummary:
    """Tag an article and each of its comments."""
    tagger = tagger or build_tagger()
    counts: dict[int | None, Counter] = {
        None: tagger.count(article_text(article.title, article.standfirst, article.body))
    }
    for comment in article.comments.all():
        counts[comment.pk] = tagger.count(comment.body)
    summary = TagSummary()
    _apply(article, counts, ORGANISATION, OrganisationMention, "organisation_id", summary)
    _apply(article, counts, TERM, TermMention, "term_id", summary)
    return summary


def _apply(article, counts, kind, model, target_field, summary: TagSummary) -> None:
    existing = {
        (mention.comment_id, getattr(mention, target_field)): mention
        for mention in model.objects.filter(article=article)
    }
    found = {
        (comment_id, key[1]): number
        for comment_id, counter in counts.items()
        for key, number in counter.items()
        if key[0] == kind
    }
    to_create, to_update, to_delete = [], [], []
    for place, number in found.items():
        mention = existing.get(place)
        if mention is None:
            comment_id, target_id = place
            to_create.append(
                model(article=article, comment_id=comment_id, count=number, **{target_field: target_id})
            )
        elif mention.count != number:
            mention.count = number
            to_update.append(mention)
    for place, mention in existing.items():
        if place in found:
            continue
        if mention.status == MentionStatus.DETECTED:
            to_delete.append(mention.pk)
        elif mention.count:
            mention.count = 0
            to_update.append(mention)
    model.objects.bulk_create(to_create)
    model.objects.bulk_update(to_update, ["count"])
    model.objects.filter(pk__in=to_delete).delete()
    summary.created += len(to_create)
    summary.updated += len(to_update)
    summary.removed += len(to_delete)


def preview_tags(
    tagger: Tagger, text: str
) -> tuple[list[tuple[Organisation, int]], list[tuple[PolicyTerm, int]]]:
    """What the tagger would find in a text, for the import preview (no writes)."""
    counter = tagger.count(text)
    organisations = Organisation.objects.in_bulk([key[1] for key in counter if key[0] == ORGANISATION])
    terms = PolicyTerm.objects.in_bulk([key[1] for key in counter if key[0] == TERM])
    return (
        sorted(
            ((organisations[k[1]], n) for k, n in counter.items() if k[0] == ORGANISATION),
            key=lambda p: -p[1],
        ),
        sorted(((terms[k[1]], n) for k, n in counter.items() if k[0] == TERM), key=lambda p: -p[1]),
    )
