"""Dates printed on a page: "Published: 11/06/2024", "(Published 28 March 2025)", "Dec 05, 2025".

The calendar itself is read by ``dateparser`` (day first, as UK sites write);
this module only finds the short lines that are a date, strips the label
around it, and says what kind of date it is. A line that is plainly meant as a
date but names no real day ("31/02/2025") is returned as impossible, so that
the caller can warn instead of dropping it silently.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from archive.core.parser.calendar import MONTH_NAME

DATE_LINE_MAX_CHARS = 90
_DAY_FIRST = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_WITH_DAY = {**_DAY_FIRST, "REQUIRE_PARTS": ["day", "month", "year"]}
_MONTH_ONLY = {**_DAY_FIRST, "STRICT_PARSING": False, "REQUIRE_PARTS": ["month", "year"]}

# Labels in front of a date, longest first. "updated" dates are kept apart:
# a page's first publication date is its date; an update only stands in for it.
_LABEL = re.compile(
    r"^(?P<label>(?:document\s+)?first\s+published|date\s+published|published(?:\s+online)?(?:\s+on)?|"
    r"last\s+updated(?:\s+on)?|last\s+modified(?:\s+on)?|page\s+updated|updated(?:\s+on)?|posted(?:\s+on)?|date|issued|released)"
    r"\s*:?\s*",
    re.I,
)
_WEEKDAY = re.compile(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+", re.I)
_PARENTHESISED = re.compile(r"\((?P<label>published|updated|posted)\s*:?\s*(?P<date>[^)]{6,40})\)", re.I)
# A time after the date: "at 9:14 am", "06.00 BST", "• 6:00am", "12.01am BST, The Times" (a
# newspaper's name after the time).
_TIME = re.compile(
    r"(?:,?\s+at|\s*[•·])?,?\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s+(?:BST|GMT|UTC))?(?:,\s*(?:The\s+)?[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3})?$",
    re.I,
)
_ORNAMENT = "—–-•·| "  # "— Sep 15, 2025 —"
_TRAILER = re.compile(r"\s*(?:[—–|-]\s*see all updates|\|.*)$", re.I)
_BY = re.compile(r"\s+by\s+(?P<by>\S.*)$", re.I)
# Shapes that can only be meant as a date: numbers with slashes, or a month name with a year.
_NUMERIC = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_WORDY = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAME})\.?,?\s+\d{{4}}|(?:{MONTH_NAME})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})",
    re.I,
)
_MONTH_YEAR = re.compile(rf"(?:{MONTH_NAME})\s+\d{{4}}", re.I)


@dataclass(frozen=True)
class PrintedDate:
    value: date | None  # None when the line is meant as a date but names no real day
    precision: str  # "day" or "month"
    label: str  # "published", "updated" or "" (a bare date)
    text: str  # the line as printed
    time: tuple[int, int] | None = None  # (hour, minute) when the line prints a time
    by: str = ""  # "April 2, 2024 by Dr Sam Whitlock": the name after the date

    @property
    def impossible(self) -> bool:
        return self.value is None


def read_date_line(text: str) -> PrintedDate | None:
    """The date a short line prints, or None when the line is not a date line."""
    if len(text) > DATE_LINE_MAX_CHARS and not _PARENTHESISED.search(text):
        return None
    if match := _PARENTHESISED.search(text):  # "BMJ 2025; 388 doi: ... (Published 28 March 2025)"
        found = _read(match["date"], _label_kind(match["label"]), text)
        return found
    rest = text.strip()
    label = ""
    if match := _LABEL.match(rest):
        label, rest = _label_kind(match["label"]), rest[match.end() :]
    by = ""
    if match := _BY.search(rest):
        by, rest = match["by"].strip(), rest[: match.start()]
    rest = _TRAILER.sub("", rest)
    return _read(rest, label, text, by=by)


def _label_kind(label: str) -> str:
    updated = "updated" in label.lower() or "modified" in label.lower()
    return "updated" if updated else "published" if label else ""


def _read(rest: str, label: str, text: str, *, by: str = "") -> PrintedDate | None:
    rest = _WEEKDAY.sub("", rest.strip().strip(_ORNAMENT).rstrip(".,"))
    time = None
    if match := _TIME.search(rest):
        hour, minute = int(match["hour"]), int(match["minute"])
        if match["ampm"]:
            hour = hour % 12 + (12 if match["ampm"].lower().startswith("p") else 0)
        time, rest = (hour, minute), rest[: match.start()]
    shape = _NUMERIC.fullmatch(rest) or _WORDY.fullmatch(rest)
    if shape:
        value = _parse(rest, with_day=True)
        if value is None:
            return PrintedDate(None, "day", label, text, by=by)
        return PrintedDate(value, "day", label, text, time if _valid_time(time) else None, by)
    if _MONTH_YEAR.fullmatch(rest) and (value := _parse(rest, with_day=False)):
        return PrintedDate(value.replace(day=1), "month", label, text, by=by)
    return None


def _valid_time(time: tuple[int, int] | None) -> bool:
    return time is not None and 0 <= time[0] <= 23 and 0 <= time[1] <= 59


@lru_cache(maxsize=4096)
def _parse(text: str, *, with_day: bool) -> date | None:
    import dateparser  # here, not at the top: 0.1 s of every start of Django (the admin imports the parser)

    found: datetime | None = dateparser.parse(
        text, languages=["en"], settings=_WITH_DAY if with_day else _MONTH_ONLY
    )
    if found is None or not 1990 <= found.year <= 2100:
        return None
    return found.date()
