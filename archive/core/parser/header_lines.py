"""What each line at the top of a piece is: a date, a byline, a name, a role, a label, the site's name.

``header.py`` chooses the title among the lines left; the names found here are
confirmed as authors only on evidence (beside a date or byline, printed twice,
over a role and a date, or named again in the author's note at the foot).
"""

import re
from dataclasses import dataclass, field

from archive.core.parser.furniture import AUTHOR_LIST_HEADING, publication_named
from archive.core.parser.names import (
    CLOSING_QUOTES,
    NAME,
    NUMBERED_NAME,
    ROLE_MAX_WORDS,
    ROLE_WORDS,
    byline_names,
    ends_like_sentence,
    is_role,
    name_and_role,
    name_list,
    names_in,
    numbered_name,
    signed_name,
)
from archive.core.parser.printed_dates import PrintedDate, read_date_line
from archive.core.parser.text import Line

SENTENCE_MIN_WORDS = 12
BIO_VERB = re.compile(r"\s+(?:is|was|writes|has been)\s")
BIO_MAX_WORDS = 40
DATE_LABEL_ALONE = re.compile(r"(?:published|first published|last updated|updated|posted|date)\s*:?", re.I)


@dataclass
class Item:
    kind: str  # "date", "byline", "name", "role", "publication", "authors", "label"
    printed: PrintedDate | None = None
    names: list[str] = field(default_factory=list)


def is_prose(text: str) -> bool:
    """A line of running text; a short question is more likely a title ("Is the model worth saving?")."""
    count, end = len(text.split()), text.rstrip(CLOSING_QUOTES)[-1:]
    return (count >= 6 and end in ".!") or (count >= SENTENCE_MIN_WORDS and end == "?")


def classify(zone: list[Line]) -> dict[int, Item]:
    items: dict[int, Item] = {}
    author_list = prose_seen = False
    for index, line in enumerate(zone):
        text = line.text
        prose_seen = prose_seen or (index > 0 and is_prose(zone[index - 1].text))
        if author_list:
            name = NUMBERED_NAME.fullmatch(text)
            name = name["name"] if name else text
            if NAME.fullmatch(name):
                items[index] = Item("authors", names=[name])
                continue
            author_list = False
            if (above := items.get(index - 1)) and above.kind == "authors" and _role_line(text):
                items[index] = Item("role")  # "Author" / "Jane Doe" / "Senior Lecturer, University of X"
                continue
        if _numbered_list_after(zone, items, index):
            items[index] = Item("label")  # "1. Department of ...": the numbered authors' affiliations
        elif AUTHOR_LIST_HEADING.fullmatch(text):
            items[index] = Item("label")
            author_list = True
        elif printed := read_date_line(text):
            items[index] = Item("date", printed, _dateline_names(printed.by))
        elif (paired := _byline_and_date(text)) is not None:
            items[index] = Item("date", paired[1], paired[0])
        elif (
            DATE_LABEL_ALONE.fullmatch(text)
            and index + 1 < len(zone)
            and read_date_line(zone[index + 1].text)
        ):
            items[index] = Item("label")
        elif names := byline_names(text):
            items[index] = Item("byline", names=names)
        elif (signed := signed_name(text)) and is_role(text.partition(",")[2]):
            items[index] = Item("byline", names=[signed])  # "Jane Doe, Chief executive" over the text
        elif (numbered := numbered_name(text)) and any(
            numbered_name(zone[other].text) for other in (index - 1, index + 1) if 0 <= other < len(zone)
        ):
            items[index] = Item("authors", names=[numbered])  # "1. Jane Doe" / "2. John Roe"
        elif (named := name_and_role(text)) and _date_beside(zone, index):
            items[index] = Item("byline", names=[named])  # "Jane Doe Health correspondent" / date
        elif not prose_seen and (publication := publication_named(text)):
            items[index] = Item("publication", names=[publication])  # a site's name heads the page
        elif NAME.fullmatch(text) and len(text.split()) <= 5 and not ROLE_WORDS.fullmatch(text.split()[-1]):
            items[index] = Item("name", names=[text])
        elif names := name_list(text):
            items[index] = Item("name", names=names)
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


def _role_line(text: str) -> bool:
    return is_role(text, ROLE_MAX_WORDS) and not ends_like_sentence(text)


def _date_beside(zone: list[Line], index: int) -> bool:
    return any(
        0 <= other < len(zone) and read_date_line(zone[other].text) for other in (index - 1, index + 1)
    )


def _numbered_list_after(zone: list[Line], items: dict[int, Item], index: int) -> bool:
    """ "1. Department of ..." restarting the numbers under a numbered author list: their affiliations."""
    number = NUMBERED_NAME.fullmatch(zone[index].text)
    before = items.get(index - 1)
    if not number or not before or before.kind not in ("authors", "label") or is_prose(zone[index].text):
        return False
    above = NUMBERED_NAME.fullmatch(zone[index - 1].text)
    restarts = above and int(number["number"]) <= int(above["number"])
    return bool(restarts if before.kind == "authors" else above)


def _dateline_names(by: str) -> list[str]:
    """ "Posted on 6 May 2025 by reluctantpartner": a name, or a blog's one-word handle."""
    return names_in(by) or ([by] if re.fullmatch(r"[\w.-]{2,30}", by) else [])


def confirm_names(content: list[Line], items: dict[int, Item]) -> list[int]:
    """A name line is an author only beside a date or byline, or printed twice; else it may be text.

    Returns the names left unconfirmed, which ``_confirm_roles`` may still confirm below the title.
    """
    names = [i for i, item in items.items() if item.kind == "name"]
    confirmed = {
        i
        for i in names
        if _printed_twice(content, i) or _beside_date_or_byline(items, i) or has_bio(content, content[i].text)
    }
    for i in names:  # "Jane Doe" / "Health Correspondent" / date
        role, below = items.get(i + 1), items.get(i + 2)
        if role is None and below and below.kind == "date" and _role_line(content[i + 1].text):
            items[i + 1] = Item("role")
            confirmed.add(i)
    while grown := {i for i in names if i not in confirmed and {i - 1, i + 1} & confirmed}:
        confirmed |= grown  # "Jane Doe" / "John Roe" / date: a run of names beside the date
    maybe = [i for i in names if i not in confirmed]
    for index in maybe:
        del items[index]
    return maybe


def has_bio(content: list[Line], name: str) -> bool:
    """The author's note at the foot: "Jane Doe is a GP partner in Cornwall" (the last line)."""
    return bool(content) and is_bio(content[-1].text, name)


def is_bio(text: str, name: str) -> bool:
    return (
        text.startswith(name + " ")
        and BIO_VERB.match(text[len(name) :]) is not None
        and len(text.split()) <= BIO_MAX_WORDS
    )


def _printed_twice(content: list[Line], index: int) -> bool:
    return any(
        0 <= other < len(content) and content[other].text == content[index].text
        for other in (index - 1, index + 1)
    )


def _beside_date_or_byline(items: dict[int, Item], index: int) -> bool:
    return any((item := items.get(index + step)) and item.kind in ("date", "byline") for step in (-1, 1))


def confirm_roles(
    content: list[Line], items: dict[int, Item], maybe: list[int], title_at: int | None
) -> None:
    """ "Ellen Marsh" / "Policy officer" / "19 March 2025" under the title: an author, a role, a date."""
    for index in maybe:
        role = index + 1
        if (
            title_at is not None
            and index > title_at
            and role not in items
            and items.get(role + 1, Item("")).kind == "date"
            and len(content[role].text.split()) <= ROLE_MAX_WORDS
            and not ends_like_sentence(content[role].text)
        ):
            items[index] = Item("name", names=[content[index].text])
            items[role] = Item("role")
    for index, item in list(items.items()):  # "By Jane Doe" / "GP partner in Powys" / "4 March 2025"
        role = index + 1
        if (
            item.kind == "byline"
            and role not in items
            and role + 1 in items
            and items[role + 1].kind == "date"
            and is_role(content[role].text)
        ):
            items[role] = Item("role")
