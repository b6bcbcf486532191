"""The import service: a raw paste (plus what a curator knows) becomes articles with comments.

The parser does the reading; this module only stores what it read. One call
is one transaction: on any error nothing is written. Importing the same text
again changes nothing; a changed text updates the article it came from
(same slug, same comment anchors) instead of creating a second one.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from archive.blocks import join_blocks
from archive.dates import PartialDate, parse_partial_date
from archive.models import Article, Comment, DatePrecision, Person, Publication, SlugRedirect, Status
from archive.parser import ParsedPiece, ParseError, ParseResult, parse_source
from archive.search.vocabulary import refresh_vocabulary
from archive.slugs import unique_slug
from archive.tagging import build_tagger, tag_article


@dataclass
class PieceMetadata:
    """What a curator supplies about a piece; empty fields mean "not known"."""

    title: str = ""
    published: str = ""  # "2023-04-04", "2023-04", "2023" or "" (unknown)
    date_approximate: bool = False
    date_note: str = ""
    authors: list[str] = field(default_factory=list)
    publication: str = ""
    source_url: str = ""
    status: str = ""  # "draft" (the default) or "published"

    def merged_with(self, defaults: "PieceMetadata") -> "PieceMetadata":
        """These values, falling back to ``defaults`` field by field."""
        values = {name: getattr(self, name) or getattr(defaults, name) for name in self.__dataclass_fields__}
        return PieceMetadata(**values)


@dataclass
class PieceOutcome:
    action: str  # "created", "updated" or "unchanged"
    article: Article
    comments_added: int = 0
    comments_updated: int = 0
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.action == "unchanged":
            return f"Unchanged: “{self.article.title}” is already in the archive with this text."
        comments = f"{self.comments_added} comments added"
        if self.comments_updated:
            comments += f", {self.comments_updated} updated"
        return f"{self.action.capitalize()}: “{self.article.title}” ({comments})."


@dataclass
class ImportReport:
    outcomes: list[PieceOutcome]
    parsed: ParseResult

    @property
    def changed(self) -> bool:
        return any(outcome.action != "unchanged" for outcome in self.outcomes)


def parse(text: str, metadata: PieceMetadata, *, listing: bool | None = None, posts=None) -> ParseResult:
    """Parse without writing anything (the admin preview uses this too)."""
    titles = [post.title for post in posts] if posts else None
    return parse_source(text, title=metadata.title or None, listing=listing, listing_titles=titles)


def import_source(
    text: str,
    metadata: PieceMetadata | None = None,
    *,
    listing: bool | None = None,
    posts: list[PieceMetadata] | None = None,
) -> ImportReport:
    """Parse and store a paste. ``posts`` gives per-post metadata for a listing page, by title.

    Raises ParseError (nothing written) when the text or the metadata is unusable.
    """
    metadata = metadata or PieceMetadata()
    parsed = parse(text, metadata, listing=listing, posts=posts)
    per_piece = posts or [PieceMetadata() for _ in parsed.pieces]
    try:
        with transaction.atomic():
            tagger = build_tagger()
            outcomes = [
                _store_piece(piece, piece_metadata.merged_with(metadata) if posts else metadata, tagger)
                for piece, piece_metadata in zip(parsed.pieces, per_piece, strict=True)
            ]
            if any(outcome.action != "unchanged" for outcome in outcomes):
                refresh_vocabulary()
    except IntegrityError as error:
        # Only a simultaneous import of the same piece gets here; the other one won.
        raise ParseError(
            "This piece was being imported by someone else at the same moment; try again."
        ) from error
    return ImportReport(outcomes=outcomes, parsed=parsed)


def source_hash(piece: ParsedPiece) -> str:
    return hashlib.sha256(piece.source_text.encode("utf-8")).hexdigest()


def import_key(title: str, metadata: PieceMetadata) -> str:
    if metadata.source_url:
        return f"url:{metadata.source_url.strip()}"
    return f"title:{slugify(metadata.publication)}:{slugify(title)}"


def _store_piece(piece: ParsedPiece, metadata: PieceMetadata, tagger) -> PieceOutcome:
    title = piece.title or metadata.title
    if not title:
        raise ParseError("A piece has no title: supply one (it is marked as supplied).")
    digest = source_hash(piece)
    same_text = Article.objects.filter(source_hash=digest).first()
    if same_text:
        return PieceOutcome("unchanged", same_text, warnings=list(piece.warnings))

    key = import_key(title, metadata)
    article = Article.objects.filter(import_key=key).first()
    action = "updated" if article else "created"
    if article is None:
        taken = set(SlugRedirect.objects.values_list("old_slug", flat=True))
        article = Article(import_key=key, slug=_free_slug(title, taken))
    warnings = list(piece.warnings)
    _fill_article(article, piece, title, metadata, digest, warnings)
    try:
        article.full_clean(exclude=["slug", "import_key"])
    except ValidationError as error:
        details = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        raise ParseError(f"“{title}” cannot be saved: {details}") from error
    article.save()
    _set_authors(article, metadata.authors or piece.bylines)
    added, updated, kept = _merge_comments(article, piece)
    if kept:
        warnings.append(f"{kept} comments in the archive are not in this text; they were kept.")
    tag_article(article, tagger)
    return PieceOutcome(action, article, added, updated, warnings)


def _free_slug(title: str, taken_old_slugs: set[str]) -> str:
    return unique_slug(Article, title, also_taken=frozenset(taken_old_slugs))


def _fill_article(article, piece, title, metadata, digest, warnings) -> None:
    try:
        published = parse_partial_date(metadata.published)
    except ValueError as error:
        raise ParseError(str(error)) from error
    printed_date = published.value is None and piece.published is not None
    if printed_date:  # the text prints it, so it is exact, not inferred
        published = PartialDate(piece.published, DatePrecision.DAY)
    status = Status.parse(metadata.status or Status.DRAFT)
    if status is None:
        raise ParseError(f"“{metadata.status}” is not a status: use draft or published.")
    article.title = title
    article.title_supplied = piece.title_supplied or not piece.title
    article.standfirst = piece.standfirst
    article.body = join_blocks(piece.blocks)
    article.pull_quotes = piece.pull_quotes
    article.source_text = piece.source_text
    article.source_hash = digest
    article.published_on, article.date_precision = published
    article.date_approximate = metadata.date_approximate and published.value is not None and not printed_date
    article.date_note = metadata.date_note
    article.status = status
    if metadata.source_url:
        article.source_url = metadata.source_url
    if metadata.publication:
        article.publication = _publication(metadata.publication)
    if published.value is None:
        warnings.append("The date is unknown; it is shown as unknown.")


def _publication(name: str) -> Publication:
    existing = Publication.objects.filter(name__iexact=name.strip()).first()
    if existing:
        return existing
    return Publication.objects.create(name=name.strip(), slug=unique_slug(Publication, name))


def _set_authors(article: Article, names: list[str]) -> None:
    people = []
    for name in names:
        name = " ".join(name.split())
        person = Person.objects.filter(name__iexact=name).first()
        if person is None:
            person = Person.objects.create(name=name, slug=unique_slug(Person, name))
        people.append(person)
    if people:
        article.authors.set(people)


def _merge_comments(article: Article, piece: ParsedPiece) -> tuple[int, int, int]:
    """Match comments by (author, time) so that their ids, and so their anchors, stay the same."""
    existing: dict[tuple, list[Comment]] = {}
    for comment in article.comments.order_by("position", "id"):
        existing.setdefault((comment.author_name, comment.posted_at), []).append(comment)
    added = updated = 0
    for position, parsed in enumerate(piece.comments, start=1):
        matches = existing.get((parsed.author, parsed.posted_at))
        if matches:
            comment = matches.pop(0)
            if comment.body != parsed.body or comment.position != position:
                comment.body, comment.position = parsed.body, position
                comment.save(update_fields=["body", "position"])
                updated += 1
        else:
            Comment.objects.create(
                article=article,
                author_name=parsed.author,
                posted_at=parsed.posted_at,
                body=parsed.body,
                position=position,
            )
            added += 1
    kept = sum(len(left) for left in existing.values())
    return added, updated, kept


def planned_action(piece: ParsedPiece, metadata: PieceMetadata) -> tuple[str, Article | None]:
    """What importing this piece would do, without doing it: for the admin preview."""
    same_text = Article.objects.filter(source_hash=source_hash(piece)).first()
    if same_text:
        return "unchanged", same_text
    title = piece.title or metadata.title
    existing = Article.objects.filter(import_key=import_key(title, metadata)).first() if title else None
    return ("updated" if existing else "created"), existing
