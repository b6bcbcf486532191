"""A whole paste: furniture removed, split into pieces when it is a blog listing page."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.core.parser.errors import ParseError
from archive.core.parser.furniture import PAGE_COUNTER, learned, remove_furniture
from archive.core.parser.piece import ParsedPiece, looks_like_title, parse_piece, same_text
from archive.core.parser.text import Line, check_article_text, normalise, to_lines, words


@dataclass
class ParseResult:
    pieces: list[ParsedPiece]
    is_listing: bool
    furniture_removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_source(
    text: str,
    *,
    title: str | None = None,
    listing: bool | None = None,
    listing_titles: list[str] | None = None,
    extra_furniture: Iterable[str] = (),
) -> ParseResult:
    """Parse a raw paste.

    ``title`` is a curator's title for a single piece. A listing page (detected
    from its pager, or ``listing=True``, or given ``listing_titles``) is split
    into its posts, at the given titles or at detected ones. ``extra_furniture``
    is lines the archive has learned are furniture for this publication.
    """
    lines = to_lines(normalise(text))
    lines, removed = remove_furniture(lines, learned(extra_furniture))
    if listing is None:
        listing = bool(listing_titles) or any(PAGE_COUNTER.fullmatch(text) for text in removed)
    if listing:
        if title:
            raise ParseError("A listing page holds several posts: give their titles, not one title.")
        segments = _split_listing(lines, listing_titles)
        pieces = [parse_piece(segment) for segment in segments]
    else:
        pieces = [parse_piece(lines, title=title)]
    for piece in pieces:
        check_article_text(piece.standfirst + "\n" + piece.body_text)
        removed.extend(piece.furniture_removed)
    return ParseResult(pieces=pieces, is_listing=listing, furniture_removed=removed)


def _split_listing(lines: list[Line], titles: list[str] | None) -> list[list[Line]]:
    starts = _given_title_starts(lines, titles) if titles else _detected_title_starts(lines)
    if not starts:
        raise ParseError("No post titles found on this listing page; give the titles.")
    return [lines[start:end] for start, end in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _given_title_starts(lines: list[Line], titles: list[str]) -> list[int]:
    starts: list[int] = []
    position = 0
    for title in titles:
        for index in range(position, len(lines)):
            if same_text(lines[index].text, title):
                starts.append(index)
                position = index + 1
                break
        else:
            raise ParseError(f"The post title “{title}” was not found (in order) on the listing page.")
    return starts


# Words that stay lower case in a title ("Advice and Guidance: ... at its worst").
_MINOR_WORDS = {
    *("a", "an", "and", "as", "at", "but", "by", "can", "for", "from", "if", "in", "into"),
    *("is", "it", "its", "of", "on", "or", "our", "the", "to", "up", "we", "with"),
}


def _detected_title_starts(lines: list[Line]) -> list[int]:
    """Post titles are title-case lines; the first non-blank line always starts a post."""
    starts: list[int] = []
    for index, line in enumerate(lines):
        if not line.text:
            continue
        if not starts or (_is_standalone(lines, index) and _is_title_case(line.text)):
            starts.append(index)
    return starts


def _is_standalone(lines: list[Line], index: int) -> bool:
    before = index == 0 or not lines[index - 1].text
    after = index + 1 < len(lines) and not lines[index + 1].text
    return before and after


def _is_title_case(text: str) -> bool:
    if not looks_like_title(text) or text[0].isdigit() and ". " in text[:4]:
        return False
    significant = [word for word in text.split() if word.lower().strip(":?!") not in _MINOR_WORDS]
    lettered = [word for word in significant if word[0].isalpha()]
    capitalised = [word for word in lettered if word[0].isupper()]
    return bool(lettered) and len(capitalised) / len(lettered) > 0.5 and bool(words(text))
