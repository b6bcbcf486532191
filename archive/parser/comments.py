"""Readers' comments: headers like ``Finola ONeill 4 April, 2023 11:17 am`` and their bodies."""

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from archive.parser.calendar import MONTH_NAME, MONTHS
from archive.parser.errors import ParseError
from archive.parser.text import Line

LONDON = ZoneInfo("Europe/London")

# Numbers are matched loosely on purpose, so that "31 February" or "13:75 pm"
# is recognised as a (broken) header and reported, not read as comment text.
_TIME = r"(?:\s+at)?,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)"
_AUTHOR = r"(?P<author>\S.{0,150}?)"
COMMENT_HEADERS = [
    # "Finola ONeill 4 April, 2023 11:17 am" (Pulse)
    re.compile(
        _AUTHOR
        + rf"\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_NAME}),?\s+(?P<year>\d{{4}})"
        + _TIME,
        re.I,
    ),
    # "Jane Doe April 4, 2023 at 11:17 am" (WordPress and others)
    re.compile(
        _AUTHOR
        + rf"\s+(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
        + _TIME,
        re.I,
    ),
]


@dataclass(frozen=True)
class ParsedComment:
    author: str
    posted_at: datetime  # aware, Europe/London
    body: str  # paragraphs separated by a blank line, lines by a newline
    line_number: int


def match_header(line: Line):
    for pattern in COMMENT_HEADERS:
        if match := pattern.fullmatch(line.text):
            return match
    return None


def header_time(match, line: Line) -> datetime:
    """The header's time in Europe/London; a clear ParseError when it cannot exist."""
    day, year = int(match.group("day")), int(match.group("year"))
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    month = MONTHS[match.group("month").lower()]
    where = f"line {line.number}: the comment header “{line.text}”"
    if not 1 <= hour <= 12 or minute > 59:
        raise ParseError(f"On {where} has an impossible time ({hour}:{minute:02d}).")
    if match.group("ampm").lower().startswith("p") and hour != 12:
        hour += 12
    elif match.group("ampm").lower().startswith("a") and hour == 12:
        hour = 0
    try:
        naive = datetime(year, month, day, hour, minute)
    except ValueError as error:
        raise ParseError(f"On {where} has an impossible date ({error}).") from error
    if not 1990 <= year <= 2100:
        raise ParseError(f"On {where} has an implausible year ({year}).")
    local = naive.replace(tzinfo=LONDON)
    # Round-trip through UTC: a time skipped when the clocks go forward comes back different.
    if local.astimezone(ZoneInfo("UTC")).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise ParseError(f"On {where} names a time that did not exist in UK time (clocks changed).")
    return local


def split_comments(lines: list[Line]) -> tuple[list[ParsedComment], list[Line]]:
    """Comments found in ``lines``, and the non-blank lines before the first header."""
    comments: list[ParsedComment] = []
    preamble: list[Line] = []
    current = None  # (author, posted_at, header line, body lines)
    for line in lines:
        match = match_header(line)
        if match:
            if current:
                comments.append(_finish(*current))
            current = (match.group("author").strip(), header_time(match, line), line, [])
        elif current:
            current[3].append(line.text)
        elif line.text:
            preamble.append(line)
    if current:
        comments.append(_finish(*current))
    return comments, preamble


def _finish(author: str, posted_at: datetime, header: Line, body_lines: list[str]) -> ParsedComment:
    body = "\n".join(body_lines).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body)
    return ParsedComment(author=author, posted_at=posted_at, body=body, line_number=header.number)
