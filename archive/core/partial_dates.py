"""Partial dates as curators write them: "2023-04-04", "2023-04", "2023" or "unknown"."""

import re
from datetime import date
from typing import NamedTuple


class PartialDate(NamedTuple):
    value: date | None
    precision: str  # a DatePrecision value


UNKNOWN = PartialDate(None, "unknown")
_PATTERN = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_partial_date(text: str | None) -> PartialDate:
    """Parse a partial date; raise ValueError with a clear message when it is not one."""
    text = (text or "").strip()
    if not text or text.lower() == "unknown":
        return UNKNOWN
    match = _PATTERN.fullmatch(text)
    if not match:
        raise ValueError(f"“{text}” is not a date: write 2023-04-04, 2023-04, 2023 or unknown.")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        value = date(year, month or 1, day or 1)
    except ValueError as error:
        raise ValueError(f"“{text}” is not a real date ({error}).") from error
    if not 1900 <= year <= 2100:
        raise ValueError(f"“{text}” has an implausible year.")
    return PartialDate(value, "day" if day else "month" if month else "year")
