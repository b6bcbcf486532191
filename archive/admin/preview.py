"""What the import preview shows beside each field: the line of the paste it came from.

The curator's workbench lists the opening lines of the paste, says which one gave
the title, the date and the byline and which were removed as furniture, and lets
the curator pick another title line or mark a line as furniture. Pure functions
over the paste and the parse result.
"""

from dataclasses import dataclass

from archive.core.parser.printed_dates import read_date_line
from archive.core.parser.text import normalise, to_lines, words

TOP_LINES = 15  # the lines a title, dateline, byline or banner can be on


@dataclass(frozen=True)
class TopLine:
    number: int
    text: str
    role: str  # "title", "date", "byline", "furniture" or ""


def top_lines(text: str, piece, furniture_removed: list[str]) -> list[TopLine]:
    removed = {" ".join(line.split()).lower() for line in furniture_removed}
    lines = [line for line in to_lines(normalise(text)) if line.text][: TOP_LINES * 2]
    sources = field_lines(piece, lines)
    roles = {number: role for role, number in sources.items() if number is not None}
    result, seen = [], set()
    for line in lines:
        if line.text in seen:  # a title printed twice is one choice
            continue
        seen.add(line.text)
        # A date or byline line the parser consumed is also in its removed lines: its field comes first.
        role = roles.get(line.number) or ("furniture" if line.text.lower() in removed else "")
        result.append(TopLine(line.number, line.text, role))
        if len(result) == TOP_LINES:
            break
    return result


def field_lines(piece, lines) -> dict[str, int | None]:
    """The line number each field was read from, or None (a field given by the curator)."""
    # The parser records the title's and the date's line; the byline's is found again from its text.
    found = {
        "title": piece.title_line_number,
        "date": piece.date_line_number,
        "byline": None,
    }
    for line in lines:
        printed_title = piece.title and not piece.title_supplied
        if found["title"] is None and printed_title and words(line.text) == words(piece.title):
            found["title"] = line.number
        if found["date"] is None and piece.published and _printed_date(line.text) == piece.published:
            found["date"] = line.number
        if found["byline"] is None and piece.bylines and piece.bylines[0] in line.text:
            found["byline"] = line.number
    return found


def _printed_date(text: str):
    printed = read_date_line(text)
    return printed.value if printed else None
