"""Which stored piece a paste is: identity read from the text itself.

A curator may paste the same piece again weeks later with newer comments and
none of the details typed the first time (publication, URL, date). So a paste
is matched by what it prints — the exact text, the source address when one is
given, the printed title, the opening words of the body — never only by the
metadata typed beside it. Whatever matches is updated in place.
"""

import hashlib
import re
from dataclasses import dataclass

from django.utils.text import slugify

from archive.models import Article, Comment

COMMENTS_COMPARED = 50
OPENING_WORDS = 30  # enough to tell two pieces apart, few enough to survive a later edit
_WORD = re.compile(r"\w+")


def opening_key(standfirst: str, body_text: str) -> str:
    """A hash of the first words of standfirst and body together (markup and case ignored).

    Standfirst and body are read as one run so that a parser that later splits them
    differently still gives the same key. Empty when there are too few words to
    identify anything.
    """
    opening = _WORD.findall(f"{standfirst} {body_text}".lower())[:OPENING_WORDS]
    if len(opening) < 8:
        return ""
    return hashlib.sha256(" ".join(opening).encode()).hexdigest()[:32]


def import_key(title: str, metadata) -> str:
    """The key a first import stores (set once): pieces imported before identity was read
    from the text are still found by it."""
    if metadata.source_url:
        return f"url:{metadata.source_url.strip()}"
    return f"title:{slugify(metadata.publication)}:{slugify(title)}"


@dataclass(frozen=True)
class Identity:
    article: Article | None
    reason: str  # why it is that piece, for the preview: "the same printed title", ...


def find_existing(piece, metadata, digest: str) -> tuple[str, Identity]:
    """("unchanged" | "updated" | "created", the stored piece and why)."""
    same_text = Article.objects.filter(source_hash=digest).first()
    if same_text:
        return "unchanged", Identity(same_text, "the same text")
    identity = _match(piece, metadata)
    return ("updated" if identity.article else "created"), identity


def _match(piece, metadata) -> Identity:
    url = metadata.source_url.strip()
    if url:
        by_url = Article.objects.filter(source_url=url).order_by("pk").first()
        if by_url:
            return Identity(by_url, "the same source address")
    opening = opening_key(piece.standfirst, piece.body_text)
    title = piece.title or metadata.title
    if title:
        keyed = Article.objects.filter(import_key=import_key(title, metadata)).first()
        # A title the curator supplied (the text prints none) is their word that it is the
        # same piece; a printed "title" may be a site banner shared by every piece.
        if keyed and (not piece.title or _corroborated(keyed, piece, opening)):
            return Identity(keyed, "the same title and details")
    if piece.title and not piece.title_supplied:
        candidates = (
            Article.objects.filter(title__iexact=piece.title, title_supplied=False)
            .select_related("publication")
            .order_by("pk")[:20]
        )
        for article in candidates:
            if not _conflicts(article, metadata) and _corroborated(article, piece, opening):
                return Identity(article, "the same printed title")
    if opening:
        by_opening = [
            article
            for article in Article.objects.filter(opening_key=opening).select_related("publication")[:20]
            if not _conflicts(article, metadata)
        ]
        if by_opening:
            return Identity(min(by_opening, key=lambda article: article.pk), "the same opening words")
    by_comments = _by_comments(piece, metadata)
    if by_comments:
        return Identity(by_comments, "the same readers' comments")
    return Identity(None, "")


def _by_comments(piece, metadata) -> Article | None:
    """The stored piece holding most of this paste's comments (same author, same minute).

    A reader does not post twice in the same minute under two articles, so comments
    recognise a piece whose title and opening were both read differently this time
    (a banner taken for the title, a new first paragraph).
    """
    # The first comments are enough, and keep the query small for a paste of thousands.
    keys = {(comment.author, comment.posted_at) for comment in piece.comments[:COMMENTS_COMPARED]}
    if not keys:
        return None
    needed = max(min(2, len(keys)), len(keys) // 2)
    counts = (
        Comment.objects.filter(
            posted_at__in={at for _, at in keys}, author_name__in={author for author, _ in keys}
        )
        .values_list("article_id", "author_name", "posted_at")
        .iterator()
    )
    shared: dict[int, int] = {}
    for article_id, author, posted_at in counts:
        if (author, posted_at) in keys:
            shared[article_id] = shared.get(article_id, 0) + 1
    for article_id, count in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        article = Article.objects.select_related("publication").get(pk=article_id)
        if count >= needed and not _conflicts(article, metadata):
            return article
    return None


def _corroborated(article: Article, piece, opening: str) -> bool:
    """The same title is not enough: the opening words or at least one comment must agree too."""
    if opening and article.opening_key == opening:
        return True
    times = {comment.posted_at for comment in piece.comments}
    if not times:
        return False
    authors = {comment.author for comment in piece.comments}
    return article.comments.filter(posted_at__in=times, author_name__in=authors).exists()


def _conflicts(article: Article, metadata) -> bool:
    """Details the curator typed that say this is another piece (another publication or address)."""
    publication = metadata.publication.strip().lower()
    if publication and article.publication and article.publication.name.strip().lower() != publication:
        return True
    url = metadata.source_url.strip()
    return bool(url and article.source_url and article.source_url != url)


def comment_changes(article: Article | None, comments) -> tuple[int, int]:
    """(new, changed) comments that importing ``comments`` into ``article`` would write."""
    if article is None:
        return len(comments), 0
    stored: dict[tuple, list[str]] = {}
    for author, posted_at, body in article.comments.values_list("author_name", "posted_at", "body"):
        stored.setdefault((author, posted_at), []).append(body)
    new = changed = 0
    for comment in comments:
        bodies = stored.get((comment.author, comment.posted_at))
        if not bodies:
            new += 1
        elif bodies.pop(0) != comment.body:
            changed += 1
    return new, changed
