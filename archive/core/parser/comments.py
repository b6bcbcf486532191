"""Readers' comments in the layouts curators copy from, with their times and threads.

Pulse prints ``Finola ONeill 4 April, 2023 11:17 am`` on one line; WordPress a
numbered name line over a date line, replies indented under their parent, or
``Name says:`` over ``12 November 2025 at 9:41 pm``; Blogger ``Name said...``
with the time under the text; Substack and Medium a name over a date; Disqus a
name over "2 years ago" (no date at all); the BMJ's rapid responses put the
date and the responder's name after the text. A time is kept only when printed:
a date alone is a date (``precision``), and no date is no date.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from archive.core.parser.calendar import MONTH_NAME, MONTHS
from archive.core.parser.errors import ParseError
from archive.core.parser.printed_dates import PrintedDate, read_date_line
from archive.core.parser.text import Line

LONDON = ZoneInfo("Europe/London")
DATETIME, DATE, UNKNOWN = "datetime", "date", "unknown"

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
_SAYS = re.compile(
    r"(?:\d{1,3}\.\s+)?(?P<author>\S.{0,100}?) (?:says|said)(?::|\.\.\.|…)?\s*(?P<rest>.*)", re.I
)
_NUMBERED_NAME = re.compile(r"\d{1,3}\.\s+(?P<author>\S.{0,80})")
_RELATIVE_TIME = re.compile(
    r"(?:[^·•]{0,40}[·•]\s*)?"  # Disqus: "• 2 months ago"; Ghost: "Practice manager · 3 days ago"
    r"(?:(?:a|an|one|\d{1,3}) (?:second|minute|hour|day|week|month|year)s? ago|just now|yesterday"
    r"|\d{1,2}(?:mo|yr|[hdwy]))"  # LinkedIn: "2w", "3mo"
    r"(?:\s*(?:·|•)?\s*edited)?",
    re.I,
)
ROLE_LINE_MAX_WORDS = 10  # LinkedIn: a commenter's headline between the name and the time
_NAME_LINE = re.compile(r"[^\s.!?,;:][^.!?;:]{0,60}")
_RESPONSE_TITLE = re.compile(r"re:\s+\S.*", re.I)
_LONE_NUMBER = re.compile(r"\d{1,3}\.")
_INITIAL = re.compile(r"\b([A-Z])\.")


@dataclass(frozen=True)
class ParsedComment:
    author: str
    posted_at: datetime | None  # aware, Europe/London; midnight there when only a date is printed
    body: str  # paragraphs separated by a blank line, lines by a newline
    line_number: int
    precision: str = DATETIME  # "datetime", "date" (a date alone is a date) or "unknown"
    parent: int | None = None  # index, in the piece's comments, of the comment this replies to
    header: str = ""  # the line(s) the author and time were read from


class _Header(NamedTuple):
    author: str
    posted_at: datetime | None
    precision: str
    size: int  # lines the header takes (blank lines included)
    time_below: bool = False  # Blogger: the time is printed under the text


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
    return _london(naive, where)


def _london(naive: datetime, where: str) -> datetime:
    local = naive.replace(tzinfo=LONDON)
    # Round-trip through UTC: a time skipped when the clocks go forward comes back different.
    if local.astimezone(ZoneInfo("UTC")).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise ParseError(f"On {where} names a time that did not exist in UK time (clocks changed).")
    return local


def _printed_time(printed: PrintedDate, line: Line) -> tuple[datetime, str]:
    day: date = printed.value
    if printed.time:
        naive = datetime(day.year, day.month, day.day, *printed.time)
        return _london(naive, f"line {line.number}: the comment time “{line.text}”"), DATETIME
    return datetime(day.year, day.month, day.day, tzinfo=LONDON), DATE


def _date_line(line: Line | None) -> PrintedDate | None:
    if line is None or not line.text:
        return None
    printed = read_date_line(line.text)
    return printed if printed and not printed.impossible and printed.precision == "day" else None


def _looks_like_name(text: str) -> bool:
    plain = _INITIAL.sub(r"\1", text)  # "M. Singh", "J.R. Hartley": an initial's full stop is no sentence end
    return bool(_NAME_LINE.fullmatch(plain)) and len(text.split()) <= 6


def _headline(text: str) -> bool:
    return len(text.split()) <= ROLE_LINE_MAX_WORDS and not text.endswith((".", "!", "?"))


def _next_text(lines: list[Line], index: int, *, reach: int = 1) -> tuple[Line | None, int]:
    """The next non-blank line within ``reach`` lines after ``index``, and how many lines on it is."""
    for step in range(1, reach + 1):
        if index + step < len(lines) and lines[index + step].text:
            return lines[index + step], step
    return None, 0


def read_header(lines: list[Line], index: int, *, in_section: bool) -> _Header | None:
    """A comment header starting at ``lines[index]``; ``in_section`` once a comments heading was seen."""
    line = lines[index]
    if match := match_header(line):
        author = re.sub(r"\s+(?:says|said)\s*:?$", "", match.group("author").strip(), flags=re.I)
        return _Header(author, header_time(match, line), DATETIME, 1)
    below, step = _next_text(lines, index)
    if match := _SAYS.fullmatch(line.text):
        author, rest = match["author"].strip(), match["rest"].strip()
        if rest and (printed := _date_line(Line(line.number, rest, line.indent))):
            return _Header(author, *_printed_time(printed, line), 1)
        if not rest and (printed := _date_line(below)):
            return _Header(author, *_printed_time(printed, below), 1 + step)
        if not rest and line.text.lower().endswith(("said...", "said…")):
            return _Header(author, None, UNKNOWN, 1, time_below=True)
    numbered = _NUMBERED_NAME.fullmatch(line.text)
    if numbered and _looks_like_name(numbered["author"]) and (printed := _date_line(below)):
        return _Header(numbered["author"].strip(), *_printed_time(printed, below), 1 + step)
    if _looks_like_name(line.text) and below is not None and _RELATIVE_TIME.fullmatch(below.text):
        return _Header(line.text, None, UNKNOWN, 1 + step)
    if _looks_like_name(line.text) and below is not None and _headline(below.text):
        after, more = _next_text(lines, index + step)
        if after is not None and _RELATIVE_TIME.fullmatch(after.text):  # name / headline / "2w"
            return _Header(line.text, None, UNKNOWN, 1 + step + more)
    # Under a comments heading a name over a date is enough (Substack, Medium), a blank line apart or not.
    below, step = _next_text(lines, index, reach=2)
    if in_section and _looks_like_name(line.text) and (printed := _date_line(below)):
        return _Header(line.text, *_printed_time(printed, below), 1 + step)
    return None


def starts_comments(lines: list[Line], index: int) -> bool:
    """Whether a comment header that needs no comments heading above it starts here."""
    return read_header(lines, index, in_section=False) is not None


def split_comments(lines: list[Line]) -> tuple[list[ParsedComment], list[Line]]:
    """Comments found in ``lines`` (the part of a paste after the article), and the lines before the first."""
    if any(_RESPONSE_TITLE.fullmatch(line.text) for line in lines[:3] if line.text):
        return _rapid_responses(lines), []
    comments: list[ParsedComment] = []
    indents: list[tuple[int, int]] = []
    preamble: list[Line] = []
    current = None  # (header, header line, body lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        if _LONE_NUMBER.fullmatch(line.text) and _header_follows(lines, index):
            index += 1  # WordPress numbers a comment on a line of its own: "2." over the name
            continue
        header = read_header(lines, index, in_section=True) if line.text else None
        if header:
            if current:
                comments.append(_finish(*current, comments, indents))
            current = (header, line, [])
            index += header.size
            continue
        if current:
            current[2].append(line)
        elif line.text:
            preamble.append(line)
        index += 1
    if current:
        comments.append(_finish(*current, comments, indents))
    return comments, preamble


def _header_follows(lines: list[Line], index: int) -> bool:
    below, step = _next_text(lines, index)
    return below is not None and read_header(lines, index + step, in_section=True) is not None


def _finish(header: _Header, line: Line, body: list[Line], earlier: list[ParsedComment], indents: list):
    posted_at, precision = header.posted_at, header.precision
    texts = [item for item in body]
    if header.time_below:  # Blogger: "22 January 2025 at 08:15" under the text
        while texts and not texts[-1].text:
            texts.pop()
        if texts and (printed := _date_line(texts[-1])):
            posted_at, precision = _printed_time(printed, texts[-1])
            texts.pop()
    # The open threads, as (indent, index): a comment replies to the nearest one indented less.
    while indents and indents[-1][0] >= line.indent:
        indents.pop()
    parent = indents[-1][1] if indents else None
    indents.append((line.indent, len(earlier)))
    text = "\n".join(item.text for item in texts).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return ParsedComment(header.author, posted_at, text, line.number, precision, parent, line.text)


def _rapid_responses(lines: list[Line]) -> list[ParsedComment]:
    """BMJ rapid responses: "Re: title", the letter, then its date and the responder's name and role."""
    chunks: list[list[Line]] = []
    for line in lines:
        if _RESPONSE_TITLE.fullmatch(line.text):
            chunks.append([line])
        elif chunks and line.text:
            chunks[-1].append(line)
    comments = []
    for chunk in chunks:
        dated = [i for i, line in enumerate(chunk) if i > 0 and _date_line(line)]
        if not dated or dated[-1] + 1 >= len(chunk):
            continue
        at = dated[-1]
        posted_at, precision = _printed_time(_date_line(chunk[at]), chunk[at])
        author = chunk[at + 1].text.split(",")[0].strip()
        body = "\n\n".join(line.text for line in chunk[1:at])
        comments.append(
            ParsedComment(author, posted_at, body, chunk[0].number, precision, None, chunk[0].text)
        )
    return comments
