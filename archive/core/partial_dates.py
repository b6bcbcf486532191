"""Partial dates as curators write them: "2023-04-04", "2023-04", "2023" or "unknown"."""

import re
from datetime import date
from typing import NamedTuple

from django.utils.formats import date_format


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


# How a date is shown and written in ISO 8601 at each precision (a DatePrecision value); an
# "unknown" precision has neither.
DISPLAY_FORMATS = {"day": "j F Y", "month": "F Y", "year": "Y"}
ISO_LENGTHS = {"day": 10, "month": 7, "year": 4}


def partial_date_display(value: date | None, precision: str, approximate: bool = False) -> str:
    """The date as precisely as it is known, e.g. '4 April 2023', 'April 2023', 'c. 2025'."""
    if not value or precision not in DISPLAY_FORMATS:
        return "Date unknown"
    text = date_format(value, DISPLAY_FORMATS[precision])
    return f"c. {text}" if approximate else text


def partial_date_iso(value: date | None, precision: str) -> str | None:
    """ISO 8601 to the precision known: '2023-04-04', '2023-04' or '2023' (never a made-up day)."""
    if not value or precision not in ISO_LENGTHS:
        return None
    return value.isoformat()[: ISO_LENGTHS[precision]]
