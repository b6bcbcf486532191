"""Rate limits whose counters hold: atomic, shared by every worker, and never evicted.

Each counter is a row of archive_ratecounter (migration 0015), counted in one
``INSERT … ON CONFLICT … DO UPDATE … RETURNING`` statement: PostgreSQL locks the row
for the update, so concurrent requests from one client each see their own number
(no read-then-write race), and no cache flood can drop a counter, because nothing
else lives in that table. Windows are fixed: a counter starts again from 1 once its
window has ended. Expired rows are deleted whenever the global counter starts a
new window.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from archive.clients import client_address

COUNT = """
INSERT INTO archive_ratecounter (key, hits, window_ends)
VALUES (%(key)s, 1, now() + make_interval(secs => %(seconds)s))
ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN archive_ratecounter.window_ends <= now() THEN 1
                ELSE archive_ratecounter.hits + 1 END,
    window_ends = CASE WHEN archive_ratecounter.window_ends <= now() THEN EXCLUDED.window_ends
                       ELSE archive_ratecounter.window_ends END
RETURNING hits, ceil(extract(epoch FROM window_ends - now()))::int
"""
FORGET_EXPIRED = "DELETE FROM archive_ratecounter WHERE window_ends < now()"


@dataclass(frozen=True)
class Count:
    hits: int  # including this one
    retry_after: int  # seconds until the window ends


def count(key: str, window_seconds: int) -> Count:
    """One more hit on ``key``; how many there have been in its window."""
    with connection.cursor() as cursor:
        cursor.execute(COUNT, {"key": key[:200], "seconds": window_seconds})
        hits, retry_after = cursor.fetchone()
    return Count(hits, max(1, retry_after))


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0
    everyone: bool = False  # refused by the ceiling for all clients together


def quote_link_allowed(request) -> Verdict:
    """At most QUOTE_LINKS_PER_CLIENT new links per client and QUOTE_LINKS_PER_WINDOW in all
    in each window. A client's refused attempts count against it (retrying does not help), but not
    against everyone's ceiling."""
    window = settings.QUOTE_LINK_WINDOW_SECONDS
    mine = count(f"quote-links:{client_address(request)}", window)
    if mine.hits > settings.QUOTE_LINKS_PER_CLIENT:
        return Verdict(False, mine.retry_after)  # not counted for everyone: one client cannot use it up
    everyone = count("quote-links:*", window)
    if everyone.hits == 1:
        with connection.cursor() as cursor:
            cursor.execute(FORGET_EXPIRED)
    if everyone.hits > settings.QUOTE_LINKS_PER_WINDOW:
        return Verdict(False, everyone.retry_after, everyone=True)
    return Verdict(True)
