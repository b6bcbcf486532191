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

from archive.core.blocks import join_blocks
from archive.core.parser import ParsedPiece, ParseError, ParseResult, parse_source
from archive.core.partial_dates import PartialDate, parse_partial_date
from archive.core.printed_title import adopt_printed_title
from archive.models import (
    Article,
    Comment,
    DatePrecision,
    Person,
    Publication,
    SlugRedirect,
    Status,
    TimePrecision,
)
from archive.search.vocabulary import refresh_vocabulary
from archive.services.furniture_memory import Furniture, furniture_for, remember
from archive.services.piece_identity import comment_changes, find_existing, import_key, opening_key
from archive.services.slugs import unique_slug
from archive.services.tagging import build_tagger, tag_article


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


def parse(
    text: str, metadata: PieceMetadata, *, listing: bool | None = None, posts=None, marked_furniture=()
) -> ParseResult:
    """Parse without writing anything (the admin preview uses this too)."""
    return parse_with_furniture(
        text, metadata, listing=listing, posts=posts, marked_furniture=marked_furniture
    )[0]


def parse_with_furniture(
    text: str, metadata: PieceMetadata, *, listing: bool | None = None, posts=None, marked_furniture=()
) -> tuple[ParseResult, Furniture]:
    """The parse, and the publication's furniture it removed (remembered and just learned).

    Lines a curator marked as furniture in the preview are removed too. A re-paste that
    does not name its publication gets the furniture of the stored piece it updates.
    """
    furniture = furniture_for(text, metadata.publication)
    result = _parse(text, metadata, listing, posts, [*furniture.lines, *marked_furniture])
    if not metadata.publication and not result.is_listing:
        piece = result.pieces[0]
        _, identity = find_existing(piece, metadata, source_hash(piece))
        if identity.article and identity.article.publication_id:
            furniture = furniture_for(text, identity.article.publication.name)
            if furniture.lines:
                result = _parse(text, metadata, listing, posts, [*furniture.lines, *marked_furniture])
    return result, furniture


def _parse(text, metadata, listing, posts, furniture_lines) -> ParseResult:
    titles = [post.title for post in posts] if posts else None
    result = parse_source(
        text,
        title=metadata.title or None,
        listing=listing,
        listing_titles=titles,
        extra_furniture=furniture_lines,
    )
    if metadata.title and not result.is_listing:
        adopt_printed_title(result.pieces[0], metadata.title, result.pieces[0].source_text.split("\n"))
    return result


def import_source(
    text: str,
    metadata: PieceMetadata | None = None,
    *,
    listing: bool | None = None,
    posts: list[PieceMetadata] | None = None,
    progress=None,
    marked_furniture=(),
    tagger=None,
    refresh_vocabulary_after=True,
) -> ImportReport:
    """Parse and store a paste. ``posts`` gives per-post metadata for a listing page, by title.

    ``progress(stage, done, total)``, when given, hears how far the import is.
    ``marked_furniture``: lines a curator marked as furniture, remembered for the publication.
    ``tagger`` and ``refresh_vocabulary_after=False``: for a caller importing many sources in a
    row (the seed), which builds the tagger once and refreshes the vocabulary once at the end.
    Raises ParseError (nothing written) when the text or the metadata is unusable.
    """
    report = progress or (lambda stage, done=0, total=0: None)
    metadata = metadata or PieceMetadata()
    parsed, furniture = parse_with_furniture(
        text, metadata, listing=listing, posts=posts, marked_furniture=marked_furniture
    )
    per_piece = posts or [PieceMetadata() for _ in parsed.pieces]
    try:
        with transaction.atomic():
            tagger = tagger or build_tagger()
            outcomes = []
            for number, (piece, piece_metadata) in enumerate(zip(parsed.pieces, per_piece, strict=True), 1):
                stage = f"Storing piece {number} of {len(parsed.pieces)}: comments"
                outcomes.append(
                    _store_piece(
                        piece,
                        piece_metadata.merged_with(metadata) if posts else metadata,
                        tagger,
                        lambda done, total, stage=stage: report(stage, done, total),
                    )
                )
            remember(outcomes[0].article.publication, furniture.learned, list(marked_furniture))
            if refresh_vocabulary_after and any(outcome.action != "unchanged" for outcome in outcomes):
                report("Refreshing the search vocabulary")
                refresh_vocabulary()
    except IntegrityError as error:
        # Only a simultaneous import of the same piece gets here; the other one won.
        raise ParseError(
            "This piece was being imported by someone else at the same moment; try again."
        ) from error
    return ImportReport(outcomes=outcomes, parsed=parsed)


def source_hash(piece: ParsedPiece) -> str:
    return hashlib.sha256(piece.source_text.encode("utf-8")).hexdigest()


def _store_piece(piece: ParsedPiece, metadata: PieceMetadata, tagger, progress=None) -> PieceOutcome:
    digest = source_hash(piece)
    action, identity = find_existing(piece, metadata, digest)
    article = identity.article
    if action == "unchanged":
        return PieceOutcome("unchanged", article, warnings=list(piece.warnings))
    title = piece.title or metadata.title or (article.title if article else "")
    if not title:
        raise ParseError("A piece has no title: supply one (it is marked as supplied).")
    if article is None:
        taken = set(SlugRedirect.objects.values_list("old_slug", flat=True))
        article = Article(import_key=import_key(title, metadata), slug=_free_slug(title, taken))
    warnings = list(piece.warnings)
    _fill_article(article, piece, title, metadata, digest, warnings)
    try:
        article.full_clean(exclude=["slug", "import_key"])
    except ValidationError as error:
        details = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        raise ParseError(f"“{title}” cannot be saved: {details}") from error
    article.save()
    _set_authors(article, metadata.authors or piece.bylines)
    added, updated, kept = _merge_comments(article, piece, progress)
    if kept:
        warnings.append(f"{kept} comments in the archive are not in this text; they were kept.")
    tag_article(article, tagger)
    return PieceOutcome(action, article, added, updated, warnings)


def _free_slug(title: str, taken_old_slugs: set[str]) -> str:
    return unique_slug(Article, title, also_taken=frozenset(taken_old_slugs))


def _fill_article(article, piece, title, metadata, digest, warnings) -> None:
    """Fill ``article`` from the piece and the curator's details.

    An update keeps what it is not told: a re-paste without a date, status or title
    leaves the stored ones as they were (a curator may re-paste with no details at all).
    """
    try:
        published = parse_partial_date(metadata.published)
    except ValueError as error:
        raise ParseError(str(error)) from error
    printed_date = published.value is None and piece.published is not None
    if printed_date:  # the text prints it, so it is exact, not inferred
        published = PartialDate(
            piece.published, DatePrecision.parse(piece.published_precision) or DatePrecision.DAY
        )
    status = Status.parse(metadata.status or article.status or Status.DRAFT)
    if status is None:
        raise ParseError(f"“{metadata.status}” is not a status: use draft or published.")
    keep_title = article.pk and not piece.title and not metadata.title
    if not keep_title:
        article.title = title
        article.title_supplied = piece.title_supplied or not piece.title
    article.standfirst = piece.standfirst
    article.body = join_blocks(piece.blocks)
    article.opening_key = opening_key(piece.standfirst, piece.body_text)
    article.pull_quotes = piece.pull_quotes
    article.source_text = piece.source_text
    article.source_hash = digest
    if published.value is not None or not article.pk:
        article.published_on, article.date_precision = published
        article.date_approximate = (
            metadata.date_approximate and published.value is not None and not printed_date
        )
        article.date_note = metadata.date_note
    article.status = status
    if metadata.source_url:
        article.source_url = metadata.source_url
    if metadata.publication or piece.publication:  # the curator's word, else the name the page prints
        article.publication = _publication(metadata.publication or piece.publication)
    if article.published_on is None:
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


COMMENT_BATCH = 500  # new comments written per INSERT (one INSERT each took 2.5 ms a row)


def _merge_comments(article: Article, piece: ParsedPiece, progress=None) -> tuple[int, int, int]:
    """Match comments by (author, time) so that their ids, and so their anchors, stay the same.

    New comments are written in batches; ``progress(done, total)`` hears after each one.
    """
    existing: dict[tuple, list[Comment]] = {}
    for comment in article.comments.order_by("position", "id"):
        existing.setdefault((comment.author_name, comment.posted_at), []).append(comment)
    added = updated = 0
    stored: list[Comment] = []  # in the parsed order, so that a reply finds its parent by index
    pending: list[Comment] = []  # new comments not yet written
    total = len(piece.comments)

    def write_pending():
        nonlocal added, pending
        Comment.objects.bulk_create(pending)  # PostgreSQL returns the ids, so replies can point at them
        added += len(pending)
        pending = []

    for position, parsed in enumerate(piece.comments, start=1):
        parent = stored[parsed.parent] if parsed.parent is not None else None
        if parent is not None and parent.pk is None:
            write_pending()  # a reply needs its parent's id
        precision = TimePrecision.DATE if parsed.precision == "date" else TimePrecision.DATETIME
        matches = existing.get((parsed.author, parsed.posted_at))
        if matches:
            comment = matches.pop(0)
            wanted = (parsed.body, position, precision, parent.pk if parent else None)
            if (comment.body, comment.position, comment.time_precision, comment.parent_id) != wanted:
                comment.body, comment.position, comment.time_precision, comment.parent = (*wanted[:3], parent)
                comment.save(update_fields=["body", "position", "time_precision", "parent"])
                updated += 1
        else:
            comment = Comment(
                article=article,
                author_name=parsed.author,
                posted_at=parsed.posted_at,
                time_precision=precision,
                parent=parent,
                body=parsed.body,
                position=position,
            )
            pending.append(comment)
        stored.append(comment)
        if len(pending) >= COMMENT_BATCH:
            write_pending()
            if progress:
                progress(position, total)
    write_pending()
    if progress:
        progress(total, total)
    kept = sum(len(left) for left in existing.values())
    return added, updated, kept


def planned_action(piece: ParsedPiece, metadata: PieceMetadata) -> "PlannedAction":
    """What importing this piece would do, without doing it: for the admin preview."""
    action, identity = find_existing(piece, metadata, source_hash(piece))
    new, changed = (0, 0) if action == "unchanged" else comment_changes(identity.article, piece.comments)
    return PlannedAction(action, identity.article, identity.reason, new, changed)


@dataclass(frozen=True)
class PlannedAction:
    action: str  # "unchanged", "updated" or "created"
    existing: Article | None
    reason: str  # why it is that stored piece ("the same printed title")
    new_comments: int
    changed_comments: int
