"""One ranked list of article and comment hits, a page at a time, with highlighted snippets."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.models import (
    Article,
    Comment,
    MentionStatus,
    OrganisationMention,
    TermMention,
)
from archive.search.known_names import known_names

SNIPPET_WORDS = 40
TAGS_SHOWN = 6  # per hit, the most frequent first; the piece's page has them all


@dataclass
class Hit:
    kind: str  # "article" or "comment"
    pk: int
    url: str
    title: str
    title_html: SafeString
    date_display: str
    date_iso: str | None
    authors: list[tuple[str, str | None]]  # (name, url or None for a commenter)
    publication: tuple[str, str] | None
    article_title: str
    article_url: str
    snippet: SafeString  # escaped text with <mark> around matches
    snippet_text: str  # the same, plain
    organisations: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    more_tags: int = 0
    missing: tuple[str, ...] = ()  # a relaxed hit's query words it lacks


def _tags(organisations: list, terms: list) -> dict:
    """The hit's most mentioned bodies and topics, at most TAGS_SHOWN in all."""
    organisations_shown = organisations[: TAGS_SHOWN // 2]
    terms_shown = terms[: TAGS_SHOWN - len(organisations_shown)]
    hidden = len(organisations) + len(terms) - len(organisations_shown) - len(terms_shown)
    return {"organisations": organisations_shown, "terms": terms_shown, "more_tags": hidden}


def hydrate(rows: list[dict], highlights: dict | None) -> list[Hit]:
    """Turn a page of (kind, pk) rows into hits: one query per kind, plus their tags.

    ``highlights`` holds the search index's marked snippets by (kind, pk) (archive.search.backend.
    Highlight); None for a browse, where a hit shows the start of its text."""
    article_ids = [row["pk"] for row in rows if row["kind"] == "article"]
    comment_ids = [row["pk"] for row in rows if row["kind"] == "comment"]
    tags = _shown_tags(article_ids, comment_ids) if rows else {}
    articles = _articles(article_ids, highlights, tags) if article_ids else {}
    comments = _comments(comment_ids, highlights, tags) if comment_ids else {}
    return [
        articles[row["pk"]] if row["kind"] == "article" else comments[row["pk"]]
        for row in rows
        if row["pk"] in (articles if row["kind"] == "article" else comments)
    ]


def _shown_tags(article_ids: list[int], comment_ids: list[int]) -> dict[tuple[str, int], tuple[list, list]]:
    """Each hit's bodies and topics that readers see, most mentioned first (the mentions' order),
    keyed by (kind, id). An article's are those of its own text.

    Read as id pairs, each tag then taken from the archive's known names (archive.search.
    known_names), rather than as a prefetch of mention objects: a page of twenty articles has
    some 150 mentions of a few dozen tags."""
    found = {
        (kind, pk): ([], [])
        for kind, ids in (("article", article_ids), ("comment", comment_ids))
        for pk in ids
    }
    of_hits = Q(article__in=article_ids, comment=None) | Q(comment__in=comment_ids)
    known = known_names()
    for position, (mention, facet, tag) in enumerate(
        ((OrganisationMention, "org", "organisation"), (TermMention, "term", "term"))
    ):
        mentions = mention.objects.filter(of_hits, status__in=MentionStatus.shown())
        rows = list(mentions.values_list("article_id", "comment_id", f"{tag}_id"))
        tags = known.by_pk[facet]
        for article_id, comment_id, tag_id in rows:
            key = ("comment", comment_id) if comment_id else ("article", article_id)
            found[key][position].append(tags[tag_id])
    return found


def _marked(highlights, key, text: str, title: str | None = None):
    """(title html, snippet html, snippet text): the index's marks, or the text's start unmarked."""
    found = (highlights or {}).get(key)
    title_html = found.title_html if found and found.title_html else (escape(title) if title else None)
    if found and found.snippet_html:
        return title_html, found.snippet_html, found.snippet_text
    start = Truncator(text).words(SNIPPET_WORDS)
    return title_html, escape(start), start


# An article's long texts, which a hit never shows whole: left in the database. A hit without a
# marked snippet shows the start of its body, read as its first OPENING_CHARACTERS.
LONG_ARTICLE_FIELDS = ("body", "source_text", "pull_quotes")
OPENING_CHARACTERS = 1000


def _articles(ids: list[int], highlights, tags: dict) -> dict[int, Hit]:
    articles = (
        Article.objects.filter(pk__in=ids)
        .defer(*LONG_ARTICLE_FIELDS)
        .annotate(opening=Left("body", OPENING_CHARACTERS))
        .select_related("publication")
        .prefetch_related("authors")
    )
    hits = {}
    for article in articles:
        title_html, snippet, snippet_text = _marked(
            highlights, ("article", article.pk), article.standfirst or article.opening, article.title
        )
        hits[article.pk] = Hit(
            kind="article",
            pk=article.pk,
            url=article.get_absolute_url(),
            title=article.title,
            title_html=mark_safe(title_html),  # noqa: S308 (escaped by the backend or here)
            date_display=article.date_display,
            date_iso=article.date_iso,  # to the precision known: "2023-04" for a month
            authors=[(person.name, person.get_absolute_url()) for person in article.authors.all()],
            publication=_publication(article),
            article_title=article.title,
            article_url=article.get_absolute_url(),
            snippet=mark_safe(snippet),  # noqa: S308 (escaped by the backend or here)
            snippet_text=snippet_text,
            **_tags(*tags[("article", article.pk)]),
        )
    return hits


def _comments(ids: list[int], highlights, tags: dict) -> dict[int, Hit]:
    comments = (
        Comment.objects.filter(pk__in=ids)
        .select_related("article", "article__publication")
        .defer(*(f"article__{name}" for name in LONG_ARTICLE_FIELDS))
    )
    hits = {}
    for comment in comments:
        article = comment.article
        _, snippet, snippet_text = _marked(highlights, ("comment", comment.pk), comment.body)
        title = f"{comment.author_name} on “{article.title}”"
        hits[comment.pk] = Hit(
            kind="comment",
            pk=comment.pk,
            url=comment.get_absolute_url(),
            title=title,
            title_html=escape(title),
            date_display=comment.posted_display or "Date unknown",
            date_iso=comment.posted_iso,
            authors=[(comment.author_name, None)],
            publication=_publication(article),
            article_title=article.title,
            article_url=article.get_absolute_url(),
            snippet=mark_safe(snippet),  # noqa: S308 (escaped by the backend or here)
            snippet_text=snippet_text,
            **_tags(*tags[("comment", comment.pk)]),
        )
    return hits


def _publication(article: Article) -> tuple[str, str] | None:
    if article.publication is None:
        return None
    return article.publication.name, article.publication.get_absolute_url()
