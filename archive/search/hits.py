"""One ranked list of article and comment hits, a page at a time, with highlighted snippets."""

from dataclasses import dataclass, field

from django.db.models import CharField, F, FloatField, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.models import (
    Article,
    Comment,
    MentionStatus,
    Organisation,
    OrganisationMention,
    PolicyTerm,
    TermMention,
)
from archive.models.articles import COMMENT_DAY
from archive.search.vectors import headline, plain_snippet, rank, safe_snippet

SNIPPET_WORDS = 40
TAGS_SHOWN = 6  # per hit, the most frequent first; the piece's page has them all
ORDERINGS = {
    "relevance": ["-hit_rank", F("hit_date").desc(nulls_last=True), "kind", "pk"],
    "newest": [F("hit_date").desc(nulls_last=True), "kind", "-pk"],
    "oldest": [F("hit_date").asc(nulls_last=True), "kind", "pk"],
}


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


def _tags(organisations: list, terms: list) -> dict:
    """The hit's most mentioned bodies and topics, at most TAGS_SHOWN in all."""
    organisations_shown = organisations[: TAGS_SHOWN // 2]
    terms_shown = terms[: TAGS_SHOWN - len(organisations_shown)]
    hidden = len(organisations) + len(terms) - len(organisations_shown) - len(terms_shown)
    return {"organisations": organisations_shown, "terms": terms_shown, "more_tags": hidden}


def in_order(hits: list[tuple], sort: str) -> list[dict]:
    """Hits known as (kind, pk, rank, date), as rows in ORDERINGS' order (the same as
    ranked_rows gives: tests/test_search.py compares the two)."""

    def newest_first(date):  # descending, undated last
        return (date is None, -date.toordinal() if date else 0)

    def oldest_first(date):  # ascending, undated last
        return (date is None, date.toordinal() if date else 0)

    keys = {
        "relevance": lambda hit: (-hit[2], newest_first(hit[3]), hit[0], hit[1]),
        "newest": lambda hit: (newest_first(hit[3]), hit[0], -hit[1]),
        "oldest": lambda hit: (oldest_first(hit[3]), hit[0], hit[1]),
    }
    return [{"kind": kind, "pk": pk} for kind, pk, _, _ in sorted(hits, key=keys[sort])]


def ranked_rows(articles, comments, query, sort: str, limit: int):
    """The first ``limit`` hits of both kinds as (kind, pk, hit_date, hit_rank) rows, in order.

    Each kind is ordered and cut to ``limit`` on its own first, so a broad
    search reads only the newest matches, not every one."""
    branches = []
    for kind, queryset, date in (
        ("article", articles, F("published_on")),
        ("comment", comments, COMMENT_DAY),
    ):
        if queryset is None:
            continue
        score = rank(query) if query is not None else Value(0.0, output_field=FloatField())
        branches.append(
            queryset.order_by()
            .annotate(kind=Value(kind, output_field=CharField()), hit_date=date, hit_rank=score)
            .values("kind", "pk", "hit_date", "hit_rank")
            .order_by(*ORDERINGS[sort])[:limit]
        )
    if not branches:
        return []
    if len(branches) == 1:
        return branches[0]
    return branches[0].union(*branches[1:], all=True).order_by(*ORDERINGS[sort])[:limit]


def hydrate(rows: list[dict], query) -> list[Hit]:
    """Turn a page of rows into hits: one query per kind, plus their tags."""
    article_ids = [row["pk"] for row in rows if row["kind"] == "article"]
    comment_ids = [row["pk"] for row in rows if row["kind"] == "comment"]
    tags = _shown_tags(article_ids, comment_ids) if rows else {}
    articles = _articles(article_ids, query, tags) if article_ids else {}
    comments = _comments(comment_ids, query, tags) if comment_ids else {}
    return [
        articles[row["pk"]] if row["kind"] == "article" else comments[row["pk"]]
        for row in rows
        if row["pk"] in (articles if row["kind"] == "article" else comments)
    ]


def _shown_tags(article_ids: list[int], comment_ids: list[int]) -> dict[tuple[str, int], tuple[list, list]]:
    """Each hit's bodies and topics that readers see, most mentioned first (the mentions' order),
    keyed by (kind, id). An article's are those of its own text.

    Read as id pairs and then each tag once, rather than as a prefetch of mention objects:
    a page of twenty articles has some 150 mentions of a few dozen tags."""
    found = {
        (kind, pk): ([], [])
        for kind, ids in (("article", article_ids), ("comment", comment_ids))
        for pk in ids
    }
    of_hits = Q(article__in=article_ids, comment=None) | Q(comment__in=comment_ids)
    for position, (mention, tag_model, tag) in enumerate(
        ((OrganisationMention, Organisation, "organisation"), (TermMention, PolicyTerm, "term"))
    ):
        mentions = mention.objects.filter(of_hits, status__in=MentionStatus.shown())
        rows = list(mentions.values_list("article_id", "comment_id", f"{tag}_id"))
        tags = tag_model.objects.in_bulk({tag_id for _, _, tag_id in rows})
        for article_id, comment_id, tag_id in rows:
            key = ("comment", comment_id) if comment_id else ("article", article_id)
            found[key][position].append(tags[tag_id])
    return found


def _articles(ids: list[int], query, tags: dict) -> dict[int, Hit]:
    articles = Article.objects.filter(pk__in=ids).select_related("publication").prefetch_related("authors")
    if query is not None:
        articles = articles.annotate(
            title_headline=headline("title", query, whole=True),
            body_headline=headline(
                Concat("standfirst", Value("\n\n"), "body", output_field=TextField()), query
            ),
        )
    hits = {}
    for article in articles:
        if query is not None:
            title_html = safe_snippet(article.title_headline)
            snippet, snippet_text = safe_snippet(article.body_headline), plain_snippet(article.body_headline)
        else:
            title_html = escape(article.title)
            snippet_text = Truncator(article.standfirst or article.body).words(SNIPPET_WORDS)
            snippet = escape(snippet_text)
        hits[article.pk] = Hit(
            kind="article",
            pk=article.pk,
            url=article.get_absolute_url(),
            title=article.title,
            title_html=mark_safe(title_html),  # noqa: S308 (escaped above)
            date_display=article.date_display,
            date_iso=article.date_iso,  # to the precision known: "2023-04" for a month
            authors=[(person.name, person.get_absolute_url()) for person in article.authors.all()],
            publication=_publication(article),
            article_title=article.title,
            article_url=article.get_absolute_url(),
            snippet=mark_safe(snippet),  # noqa: S308 (escaped above)
            snippet_text=snippet_text,
            **_tags(*tags[("article", article.pk)]),
        )
    return hits


def _comments(ids: list[int], query, tags: dict) -> dict[int, Hit]:
    comments = Comment.objects.filter(pk__in=ids).select_related("article", "article__publication")
    if query is not None:
        comments = comments.annotate(body_headline=headline("body", query))
    hits = {}
    for comment in comments:
        article = comment.article
        if query is not None:
            snippet, snippet_text = safe_snippet(comment.body_headline), plain_snippet(comment.body_headline)
        else:
            snippet_text = Truncator(comment.body).words(SNIPPET_WORDS)
            snippet = escape(snippet_text)
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
            snippet=mark_safe(snippet),  # noqa: S308 (escaped above)
            snippet_text=snippet_text,
            **_tags(*tags[("comment", comment.pk)]),
        )
    return hits


def _publication(article: Article) -> tuple[str, str] | None:
    if article.publication is None:
        return None
    return article.publication.name, article.publication.get_absolute_url()
