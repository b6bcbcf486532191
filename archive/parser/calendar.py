"""Month names and the date lines that pages print above an article ("4 April 2023")."""

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))

_DATELINE_PREFIX = r"(?:(?:published|posted|updated|first published)(?:\s+on)?:?\s+)?(?:[A-Z][a-z]+day,?\s+)?"
_DATELINES = [
    re.compile(
        _DATELINE_PREFIX
        + rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_NAME}),?\s+(?P<year>\d{{4}})(?:[,\s].*)?",
        re.I,
    ),
    re.compile(
        _DATELINE_PREFIX
        + rf"(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?:[,\s].*)?",
        re.I,
    ),
]
_DATELINE_MAX_CHARS = 60


def parse_dateline(text: str) -> date | None:
    """The date of a short line that is only a date (perhaps with a time), else None."""
    if len(text) > _DATELINE_MAX_CHARS:
        return None
    for pattern in _DATELINES:
        match = pattern.fullmatch(text)
        if match:
            try:
                return date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
            except ValueError:
                return None
    return None
