"""The archive's data version: a counter that triggers move on every write (migration 0012).

Cached article pages and fragments are keyed by it (archive.page_cache), so a
change is seen by the very next request with nothing to invalidate by hand.
Searches are not cached: the search index answers them directly.
"""

from django.db import connection


def data_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM archive_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
