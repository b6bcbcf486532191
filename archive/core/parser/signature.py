"""The signature under a piece: a date and a signed name, its date and author when the top has none."""

import re

from archive.core.parser.furniture import publication_named
from archive.core.parser.names import NAME, byline_names, ends_like_sentence, signed_name
from archive.core.parser.printed_dates import read_date_line
from archive.core.parser.text import Line

SIGNATURE_EXTRA_LINES = 2  # a role and a place under the name
SIGNED_NAME_MAX_WORDS = 5
LETTER_FOOT_MAX_LINES = 4  # the name, then a role, an organisation, an address line or two
VALEDICTION = re.compile(
    r"(?:yours(?: sincerely| faithfully| truly| ever)?"
    r"|(?:with )?(?:my )?(?:best|kind|warm)(?:est)? (?:wishes|regards)"
    r"|(?:with )?(?:my |many )?thanks|regards)[,.]?",
    re.I,
)


def take_signature(header, content: list[Line], consumed: set[int]) -> None:
    """A date and a signed name under the text ("9 January 2024" / "Name, GP PARTNER, LEEDS"),
    or Blogger's "Posted by Name at 19:42": read as the date and author when the top has none."""
    end = len(content)
    if (block := _signature_block(content, consumed)) is not None:
        printed = read_date_line(content[block].text)
        if not header.published:
            header.published, header.precision, header.date_line = (
                printed.value,
                printed.precision,
                content[block],
            )
        if not header.authors:
            header.authors, header.author_lines = [content[block + 1].text], [content[block + 1].text]
        consumed.update(range(block, end))
        return
    if not header.authors and (name := _letter_signer(content)):
        header.authors, header.author_lines = [name], [name]  # the lines stay: they are the letter's own
    if end and end - 1 not in consumed and (signed := _name_and_date(content[end - 1].text)):
        name, printed = signed
        if not header.authors:
            header.authors, header.author_lines = [name], [content[end - 1].text]
        if not header.published:
            header.published, header.precision, header.date_line = (
                printed.value,
                printed.precision,
                content[end - 1],
            )
        consumed.add(end - 1)
        end -= 1
    for index in range(end - 1, max(end - 4, -1), -1):
        text = content[index].text
        if index in consumed:
            continue
        printed = read_date_line(text)
        names = byline_names(text) or ([signed] if (signed := signed_name(text)) else [])
        if printed and not printed.impossible and not header.published and _signed_nearby(content, index):
            header.published, header.precision, header.date_line = (
                printed.value,
                printed.precision,
                content[index],
            )
        elif (
            names
            and not header.authors
            and (text.lower().startswith("posted by") or _dated_nearby(content, index))
        ):
            header.authors, header.author_lines = names, [text]
        else:
            break
        consumed.add(index)


def _name_and_date(text: str):
    """ "Dr Jane Doe, 24/03/2025": a name signing off with the date, on the last line."""
    name, _, rest = text.partition(",")
    printed = read_date_line(rest.strip()) if rest else None
    if printed and not printed.impossible and NAME.fullmatch(name.strip()):
        return name.strip(), printed
    return None


def _letter_signer(content: list[Line]) -> str | None:
    """ "Yours sincerely," / "Dr Jane Doe" / "Chair, Wessex LMCs": the person who signs a letter wrote it."""
    end = len(content)
    for at in range(end - 2, max(end - 2 - LETTER_FOOT_MAX_LINES, -1), -1):
        if VALEDICTION.fullmatch(content[at].text):
            name = content[at + 1].text
            name = signed_name(name) or name
            if (
                NAME.fullmatch(name)
                and len(name.split()) <= SIGNED_NAME_MAX_WORDS
                and not publication_named(name)
            ):
                return name
            return None
    return None


def _signature_block(content: list[Line], consumed: set[int]) -> int | None:
    """Where a responder's block starts at the foot: a date, a name alone, then at most two short
    lines for the role and place ("19 November 2024" / "Jane Doe" / "GP partner" / "Harbour Surgery")."""
    end = len(content)
    for at in range(end - 2, max(end - 3 - SIGNATURE_EXTRA_LINES, -1), -1):
        if at in consumed:
            continue
        printed = read_date_line(content[at].text)
        name = content[at + 1].text
        rest = [line.text for line in content[at + 2 :]]
        if (
            printed
            and not printed.impossible
            and NAME.fullmatch(name)
            and len(name.split()) <= SIGNED_NAME_MAX_WORDS
            and all(
                len(text.split()) <= SIGNED_NAME_MAX_WORDS * 2 and not ends_like_sentence(text)
                for text in rest
            )
        ):
            return at
    return None


def _signed_nearby(content: list[Line], index: int) -> bool:
    return any(
        0 <= other < len(content) and (signed_name(content[other].text) or byline_names(content[other].text))
        for other in (index - 1, index + 1)
    )


def _dated_nearby(content: list[Line], index: int) -> bool:
    return any(
        0 <= other < len(content) and read_date_line(content[other].text) for other in (index - 1, index + 1)
    )
