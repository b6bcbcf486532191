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

from archive.parser.furniture import AUTHOR_LIST_HEADING, key, publication_named
from archive.parser.names import (
    CLOSING_QUOTES,
    NAME,
    NUMBERED_NAME,
    OPENING_QUOTES,
    ROLE_MAX_WORDS,
    byline_names,
    ends_like_sentence,
    is_role,
    name_list,
    names_in,
    numbered_name,
    signed_name,
)
from archive.parser.printed_dates import PrintedDate, read_date_line
from archive.parser.signature import take_signature
from archive.parser.text import Line, words

ZONE_MAX_LINES = 16
TITLE_MAX_CHARS = 120
TITLE_MAX_WORDS = 18
SENTENCE_MIN_WORDS = 12
STANDFIRST_MIN_WORDS = 10
RESPONSE_TITLE = re.compile(r"re:\s+\S.*", re.I)
SITE_AND_TITLE = re.compile(r"(?P<a>.+?)\s+[-–—|:]\s+(?P<b>.+)")
WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
DATE_LABEL_ALONE = re.compile(r"(?:published|first published|last updated|updated|posted|date)\s*:?", re.I)


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


def _is_prose(text: str) -> bool:
    """A line of running text; a short question is more likely a title ("Is the model worth saving?")."""
    count, end = len(text.split()), text.rstrip(CLOSING_QUOTES)[-1:]
    return (count >= 6 and end in ".!") or (count >= SENTENCE_MIN_WORDS and end == "?")


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


@dataclass
class _Item:
    kind: str  # "date", "byline", "name", "role", "publication", "authors", "label"
    printed: PrintedDate | None = None
    names: list[str] = field(default_factory=list)


def read_header(
    content: list[Line], *, given_title: str | None = None, quoted_title: str | None = None
) -> Header:
    """Read the top (and the signature at the foot) of one piece's non-blank lines."""
    header = Header()
    zone = _zone(content)
    items = _classify(content[:zone])
    maybe = _confirm_names(content, items)
    title_at = _choose_title(content, items, zone, given_title, quoted_title, maybe)
    for index in [
        i for i, item in items.items() if item.kind == "name" and title_at is not None and i < title_at
    ]:
        del items[index]  # a name above the title is the site's (a blog's masthead), not an author
    _confirm_roles(content, items, maybe, title_at)
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
        if _is_prose(line.text):
            sentences += 1
            if sentences == 2:
                return index
    return min(len(content), ZONE_MAX_LINES)


def _classify(zone: list[Line]) -> dict[int, _Item]:
    items: dict[int, _Item] = {}
    author_list = prose_seen = False
    for index, line in enumerate(zone):
        text = line.text
        prose_seen = prose_seen or (index > 0 and _is_prose(zone[index - 1].text))
        if author_list:
            name = NUMBERED_NAME.fullmatch(text)
            name = name["name"] if name else text
            if NAME.fullmatch(name):
                items[index] = _Item("authors", names=[name])
                continue
            author_list = False
        if _numbered_list_after(zone, items, index):
            items[index] = _Item("label")  # "1. Department of ...": the numbered authors' affiliations
        elif AUTHOR_LIST_HEADING.fullmatch(text):
            items[index] = _Item("label")
            author_list = True
        elif printed := read_date_line(text):
            items[index] = _Item("date", printed, _dateline_names(printed.by))
        elif (paired := _byline_and_date(text)) is not None:
            items[index] = _Item("date", paired[1], paired[0])
        elif (
            DATE_LABEL_ALONE.fullmatch(text)
            and index + 1 < len(zone)
            and read_date_line(zone[index + 1].text)
        ):
            items[index] = _Item("label")
        elif names := byline_names(text):
            items[index] = _Item("byline", names=names)
        elif (signed := signed_name(text)) and is_role(text.partition(",")[2]):
            items[index] = _Item("byline", names=[signed])  # "Jane Doe, Chief executive" over the text
        elif (numbered := numbered_name(text)) and any(
            numbered_name(zone[other].text) for other in (index - 1, index + 1) if 0 <= other < len(zone)
        ):
            items[index] = _Item("authors", names=[numbered])  # "1. Jane Doe" / "2. John Roe"
        elif not prose_seen and (publication := publication_named(text)):
            items[index] = _Item("publication", names=[publication])  # a site's name heads the page
        elif NAME.fullmatch(text) and len(text.split()) <= 5:
            items[index] = _Item("name", names=[text])
        elif names := name_list(text):
            items[index] = _Item("name", names=names)
    return items


def _byline_and_date(text: str) -> tuple[list[str], PrintedDate] | None:
    """ "By Jane Doe | 3 March 2025": a byline and a date on one line, either way round."""
    parts = [part.strip() for part in re.split(r"\s+[|·•]\s+", text)]
    if len(parts) != 2:
        return None
    for names_part, date_part in (parts, parts[::-1]):
        if (names := byline_names(names_part)) and (printed := read_date_line(date_part)):
            return names, printed
    return None


def _numbered_list_after(zone: list[Line], items: dict[int, _Item], index: int) -> bool:
    """ "1. Department of ..." restarting the numbers under a numbered author list: their affiliations."""
    number = NUMBERED_NAME.fullmatch(zone[index].text)
    before = items.get(index - 1)
    if not number or not before or before.kind not in ("authors", "label") or _is_prose(zone[index].text):
        return False
    above = NUMBERED_NAME.fullmatch(zone[index - 1].text)
    restarts = above and int(number["number"]) <= int(above["number"])
    return bool(restarts if before.kind == "authors" else above)


def _dateline_names(by: str) -> list[str]:
    """ "Posted on 6 May 2025 by reluctantpartner": a name, or a blog's one-word handle."""
    return names_in(by) or ([by] if re.fullmatch(r"[\w.-]{2,30}", by) else [])


def _confirm_names(content: list[Line], items: dict[int, _Item]) -> list[int]:
    """A name line is an author only beside a date or byline, or printed twice; else it may be text.

    Returns the names left unconfirmed, which ``_confirm_roles`` may still confirm below the title.
    """
    names = [i for i, item in items.items() if item.kind == "name"]
    confirmed = {i for i in names if _printed_twice(content, i) or _beside_date_or_byline(items, i)}
    while grown := {i for i in names if i not in confirmed and {i - 1, i + 1} & confirmed}:
        confirmed |= grown  # "Jane Doe" / "John Roe" / date: a run of names beside the date
    maybe = [i for i in names if i not in confirmed]
    for index in maybe:
        del items[index]
    return maybe


def _printed_twice(content: list[Line], index: int) -> bool:
    return any(
        0 <= other < len(content) and content[other].text == content[index].text
        for other in (index - 1, index + 1)
    )


def _beside_date_or_byline(items: dict[int, _Item], index: int) -> bool:
    return any((item := items.get(index + step)) and item.kind in ("date", "byline") for step in (-1, 1))


def _confirm_roles(
    content: list[Line], items: dict[int, _Item], maybe: list[int], title_at: int | None
) -> None:
    """ "Ellen Marsh" / "Policy officer" / "19 March 2025" under the title: an author, a role, a date."""
    for index in maybe:
        role = index + 1
        if (
            title_at is not None
            and index > title_at
            and role not in items
            and items.get(role + 1, _Item("")).kind == "date"
            and len(content[role].text.split()) <= ROLE_MAX_WORDS
            and not ends_like_sentence(content[role].text)
        ):
            items[index] = _Item("name", names=[content[index].text])
            items[role] = _Item("role")
    for index, item in list(items.items()):  # "By Jane Doe" / "GP partner in Powys" / "4 March 2025"
        role = index + 1
        if (
            item.kind == "byline"
            and role not in items
            and role + 1 in items
            and items[role + 1].kind == "date"
            and is_role(content[role].text)
        ):
            items[role] = _Item("role")


def _score(content, items: dict[int, _Item], index: int, quoted_title: str | None, maybe: set[int]) -> float:
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
        if item and item.kind == "date" and _day_heading(item):
            break  # a day's heading belongs to the post below it, not to the line above
        if item and item.kind in header_kinds:
            score += points
            break
        if index + step in maybe:  # a name under a line, not yet known to be the author's
            score += points - 1
            break
    previous = items.get(index - 1)
    following = content[index + 1].text if index + 1 < len(content) else ""
    if previous and previous.kind == "date" and _is_prose(following):
        score += 2  # Blogger prints the day's date above the post's title
    if following and index + 1 not in items and len(following) > len(text):
        score += 1
    # Section labels and a site's masthead are a word or three; a title rarely is.
    score -= 2 if count <= 2 else 1.5 if count <= 3 else 0
    if index == 0 and count <= 4:
        score -= 1
    return score


def _day_heading(item: _Item) -> bool:
    """Blogger heads each day's posts with an unlabelled weekday date ("Monday, 10 February 2025")."""
    return not item.printed.label and bool(WEEKDAY.match(item.printed.text))


def _choose_title(content, items, zone, given_title, quoted_title, maybe) -> int | None:
    candidates = [
        i
        for i in range(zone)
        if i not in items
        and looks_like_title(_title_text(content[i].text))
        and not (i - 1 in maybe and is_role(content[i].text) and items.get(i + 1, _Item("")).kind == "date")
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


def _take_items(header: Header, content: list[Line], items: dict[int, _Item]) -> None:
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
