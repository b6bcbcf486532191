"""Keeping full-text searches on their GIN index.

PostgreSQL prices `search_vector @@ query` as one cheap operator call per row,
not knowing that each call first reads a toasted vector of about 4 KB. For a
word in most articles it then prefers a sequential scan that tests every vector
(over 400 ms at 100,000 articles) to the GIN bitmap that needs to test none
(about 25 ms); docs/benchmarks.md has the plans. Costs of built-in functions
can only be changed by a superuser, so the searches that should read the index
turn sequential scans off for their own transaction (SET LOCAL, allowed to any
user) and the planner takes the index where there is one.
"""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def prefer_indexes():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield
