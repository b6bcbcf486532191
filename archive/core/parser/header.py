"""The top of a piece: which line is its title, and the date, bylines and site name printed around it.

A page prints its title among a few lines of furniture: a site name, a section
label, a dateline, a byline, a standfirst. The title is chosen by evidence, as a
reader would: it is printed twice, or the comments quote it, or a byline or
dateline follows it, or a dated heading sits above it (Blogger); a very short
line at the top is the site's masthead rather than a title, and a line that
directly follows a likelier title is its standfirst. Dates, bylines and the
site name are read from the lines they are printed on, and those lines are then
taken out of the text, and said where they came from.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from archive.core.parser.furniture import key, publication_named
from archive.core.parser.header_lines import Item, classify, confirm_names, confirm_roles, is_prose
from archive.core.parser.names import CLOSING_QUOTES, OPENING_QUOTES, is_role
from archive.core.parser.signature import take_signature
from archive.core.parser.text import Line, words

ZONE_MAX_LINES = 16
TITLE_MAX_CHARS = 120
TITLE_MAX_WORDS = 18
SENTENCE_MIN_WORDS = 12
STANDFIRST_MIN_WORDS = 10
RESPONSE_TITLE = re.compile(r"re:\s+\S.*", re.I)
SITE_AND_TITLE = re.compile(r"(?P<a>.+?)\s+[-–—|:]\s+(?P<b>.+)")
WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def is_quoted(text: str) -> bool:
    return len(text) > 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES


def looks_like_title(text: str) -> bool:
    return (
        0 < len(text) <= TITLE_MAX_CHARS
        and len(text.split()) <= TITLE_MAX_WORDS
        and not text.endswith(".")
        and not is_quoted(text)
        and "\n" not in text
        and (text[0].isupper() or text[0].isdigit() or text[0] in OPENING_QUOTES)
    )


def _standfirst(text: str) -> bool:
    """A line between a title and its byline or dateline is its standfirst when it is a real sentence."""
    return len(text.split()) >= STANDFIRST_MIN_WORDS and not is_quoted(text)


def is_sentence(text: str) -> bool:
    return len(text.split()) >= SENTENCE_MIN_WORDS and text.rstrip(CLOSING_QUOTES).endswith(
        (".", "?", "!", ":")
    )


def same_text(a: str, b: str) -> bool:
    return words(a) == words(b) and bool(words(a))


@dataclass
class Header:
    title: str | None = None
    title_line: Line | None = None
    printed_twice: bool = False
    published: date | None = None
    precision: str = "unknown"
    date_line: Line | None = None
    authors: list[str] = field(default_factory=list)
    author_lines: list[str] = field(default_factory=list)
    publication: str | None = None
    standfirst_line: Line | None = None
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)


def read_header(
    content: list[Line], *, given_title: str | None = None, quoted_title: str | None = None
) -> Header:
    """Read the top (and the signature at the foot) of one piece's non-blank lines."""
    header = Header()
    zone = _zone(content)
    items = classify(content[:zone])
    maybe = confirm_names(content, items)
    title_at = _choose_title(content, items, zone, given_title, quoted_title, maybe)
    for index in [
        i for i, item in items.items() if item.kind == "name" and title_at is not None and i < title_at
    ]:
        del items[index]  # a name above the title is the site's (a blog's masthead), not an author
    confirm_roles(content, items, maybe, title_at)
    consumed: set[int] = set(items)
    if title_at is not None:
        line = content[title_at]
        header.title, header.title_line = _title_text(line.text), line
        consumed |= set(range(title_at))  # the masthead and navigation above the title
        if title_at + 1 < len(content) and same_text(content[title_at + 1].text, line.text):
            header.printed_twice = True
            consumed.add(title_at + 1)
        consumed.add(title_at)
        after = title_at + (2 if header.printed_twice else 1)
        if (
            after < zone
            and after not in consumed
            and any(i > after for i in items)
            and _standfirst(content[after].text)
        ):
            header.standfirst_line = content[after]
    _take_items(header, content, items)
    take_signature(header, content, consumed)
    masthead = {key(content[i].text) for i in range(title_at or 0) if i not in items}
    for index, line in enumerate(content):
        if index in consumed:
            if index != title_at and line is not header.standfirst_line:
                header.removed.append(line.text)
        elif key(line.text) in masthead and index > (title_at or 0):
            header.removed.append(line.text)  # the site's name printed again, e.g. above its comments
        else:
            header.body.append(line)
    return header


def _zone(content: list[Line]) -> int:
    """How many lines from the top can still be the page's header: up to the second sentence."""
    sentences = 0
    for index, line in enumerate(content[:ZONE_MAX_LINES]):
        if is_prose(line.text):
            sentences += 1
            if sentences == 2:
                return index
    return min(len(content), ZONE_MAX_LINES)


def _score(content, items: dict[int, Item], index: int, quoted_title: str | None, maybe: set[int]) -> float:
    text = content[index].text
    count = len(text.split())
    score = 0.0
    if index + 1 < len(content) and same_text(content[index + 1].text, text):
        score += 4
    if quoted_title and same_text(_title_text(text), quoted_title):
        score += 4
    if RESPONSE_TITLE.fullmatch(text):
        score += 2
    header_kinds = ("date", "byline", "name", "authors", "label")
    for step, points in ((1, 3), (2, 2)):
        item = items.get(index + step)
        if item and item.kind == "date" and _day_heading(item) and _prose_at(content, index + step + 2):
            break  # a day's heading belongs to the post below it (title, then text), not to the line above
        if item and item.kind in header_kinds:
            score += points
            break
        if index + step in maybe:  # a name under a line, not yet known to be the author's
            score += points - 1
            break
    previous = items.get(index - 1)
    following = content[index + 1].text if index + 1 < len(content) else ""
    if previous and previous.kind == "date" and is_prose(following):
        score += 2  # Blogger prints the day's date above the post's title
    if following and index + 1 not in items and len(following) > len(text):
        score += 1
    # Section labels and a site's masthead are a word or three; a title rarely is.
    score -= 2 if count <= 2 else 1.5 if count <= 3 else 0
    if index == 0 and count <= 4:
        score -= 1
    return score


def _prose_at(content: list[Line], index: int) -> bool:
    return index < len(content) and is_prose(content[index].text)


def _day_heading(item: Item) -> bool:
    """Blogger heads each day's posts with an unlabelled weekday date ("Monday, 10 February 2025")."""
    return not item.printed.label and bool(WEEKDAY.match(item.printed.text))


def _choose_title(content, items, zone, given_title, quoted_title, maybe) -> int | None:
    candidates = [
        i
        for i in range(zone)
        if i not in items
        and looks_like_title(_title_text(content[i].text))
        and not (i - 1 in maybe and is_role(content[i].text) and items.get(i + 1, Item("")).kind == "date")
    ]
    if given_title:
        return next((i for i in range(zone) if same_text(_title_text(content[i].text), given_title)), None)
    if not candidates:
        return None
    scores = {i: _score(content, items, i, quoted_title, set(maybe)) for i in candidates}
    for i in candidates:  # a line straight after a likelier title is its standfirst
        if i - 1 in scores and scores[i - 1] >= 2 and not same_text(content[i - 1].text, content[i].text):
            scores[i] -= 1.5
    best = max(candidates, key=lambda i: (scores[i], -i))
    if scores[best] > 0:
        return best
    return 0 if 0 in candidates else None  # as before: a title-like first line is the title


def _title_text(text: str) -> str:
    """ "Healthcare Leader - ICBs asked to ..." and "Title | Site": the title without the site's name."""
    if match := SITE_AND_TITLE.fullmatch(text):
        if publication_named(match["a"]):
            return match["b"].strip()
        if publication_named(match["b"]):
            return match["a"].strip()
    return text


def _take_items(header: Header, content: list[Line], items: dict[int, Item]) -> None:
    dates = [(i, item.printed) for i, item in items.items() if item.kind == "date"]
    dates.sort(key=lambda pair: (pair[1].label == "updated", pair[0]))  # first published, else updated
    for index, printed in dates:
        if printed.impossible:
            header.warnings.append(
                f"The date printed on line {content[index].number} (“{content[index].text}”) is not a real "
                "date; the date is left unknown: check it and supply it."
            )
            continue
        if header.published is None:
            header.published, header.precision, header.date_line = (
                printed.value,
                printed.precision,
                content[index],
            )
    for index, item in sorted(items.items()):
        if item.kind in ("byline", "name", "authors") or (item.kind == "date" and item.names):
            for name in item.names:
                if name not in header.authors:
                    header.authors.append(name)
            header.author_lines.append(content[index].text)
        elif item.kind == "publication" and header.publication is None:
            header.publication = item.names[0]
