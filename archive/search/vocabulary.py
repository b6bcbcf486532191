"""The words "did you mean" suggests from: a materialized view (migration 0004) kept fresh here."""

from django.db import connection


def refresh_vocabulary() -> None:
    """Rebuild the vocabulary; readers keep using the old one until it is ready."""
    with connection.cursor() as cursor:
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY archive_searchword")
