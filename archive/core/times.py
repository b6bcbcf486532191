"""Times as the archive gives them: in its own time zone (Europe/London, settings.TIME_ZONE, as the
page shows them), to the precision the source gives (a time, or only a date).

One helper for the page, the citation text, BibTeX, RIS, CSL-JSON and the API, so that none of
them can give a comment's time in UTC while the page gives it in UK time (issue 14).
"""

from datetime import datetime
from typing import NamedTuple

from django.utils.formats import date_format
from django.utils.timezone import localtime

DISPLAY = "j F Y, g:i a"  # "4 April 2023, 12:49 p.m."
DISPLAY_DATE = "j F Y"


class LocalTime(NamedTuple):
    value: datetime  # aware, in the archive's time zone
    date_only: bool = False  # the source printed a date and no time

    @property
    def display(self) -> str:
        return date_format(self.value, DISPLAY_DATE if self.date_only else DISPLAY)

    @property
    def iso(self) -> str:
        """ "2023-04-04T12:49:00+01:00", or "2023-04-04" when only the date is known."""
        return self.value.date().isoformat() if self.date_only else self.value.isoformat()

    @property
    def clock(self) -> str:
        """The time of day with its UTC offset ("12:49+01:00"), or "" when only the date is known."""
        return "" if self.date_only else self.value.strftime("%H:%M") + self.value.isoformat()[-6:]


def local_time(value: datetime | None, date_only: bool = False) -> LocalTime | None:
    return LocalTime(localtime(value), date_only) if value is not None else None


def comment_time(comment) -> LocalTime | None:
    """When a comment was posted, as the page shows it. Whether the source gave only a date is
    read from the comment where the model records it (``date_only``)."""
    return local_time(comment.posted_at, bool(getattr(comment, "date_only", False)))
