"""Estimates for searches that match a great part of the archive.

Counting every match of a broad word means reading every matching search
vector (over a second for half a million comments). Above ESTIMATE_ABOVE
matches of one kind, the counts come from a fixed sample of the table's pages
instead (TABLESAMPLE SYSTEM, REPEATABLE, so the same search gives the same
figures), scaled up, and the page says they are estimates.
"""

import json

from django.db import connection

from archive.search.plans import prefer_indexes

# Above this many matches of one kind, counts come from the sample: an exact count of every
# facet costs about 7 µs a hit (the topic page at 30,000 articles, 16,000 hits: 0.4 s).
ESTIMATE_ABOVE = 5_000
RANK_UP_TO = 20_000  # hits ranked by relevance (each match's vector read); past it, newest first
# Of each table's pages: about 5,000 rows of each kind at 100,000 articles and 1,000,000 comments.
SAMPLE_PERCENT = {"article": 5.0, "comment": 0.5}
SEED = 7


def match_ids(queryset, kind: str) -> tuple[list[int], bool]:
    """The ids of the queryset's rows, or of those in the sample when there are too many.

    Fetching up to ESTIMATE_ABOVE ids to find out whether there are more costs
    hundreds of milliseconds for a broad search, so the planner's estimate and
    then the sample are asked first; the sample is only believed when it agrees
    that the set is large (the planner overestimates phrases, for one).
    """
    sample = None
    if planned_rows(queryset) > ESTIMATE_ABOVE:
        sample = sample_ids(queryset, kind)
        if scale(len(sample), kind) > ESTIMATE_ABOVE:
            return sample, True
    with prefer_indexes():  # with a LIMIT and an overestimate, the planner would scan every vector
        ids = list(queryset.order_by().values_list("pk", flat=True)[: ESTIMATE_ABOVE + 1])
    if len(ids) <= ESTIMATE_ABOVE:
        return ids, False
    return (sample if sample is not None else sample_ids(queryset, kind)), True


def planned_rows(queryset) -> float:
    """How many rows the planner expects the queryset to give (EXPLAIN, nothing run)."""
    plan = queryset.order_by().values("pk").explain(format="json")
    return json.loads(plan)[0]["Plan"]["Plan Rows"]


def sample_ids(queryset, kind: str) -> list[int]:
    """The ids of the queryset's rows that lie in the sample of its table.

    The sample has to drive the query: written as ``pk IN (sample)`` the
    planner tests the search on every row first and only then keeps the
    sampled ones, so the clause is put on the main table itself. Django has no
    TABLESAMPLE, hence the one textual change to the SQL it compiles (the
    percentage and seed are constants of this module, never user input).
    """
    table = queryset.model._meta.db_table
    sql, params = queryset.order_by().values_list("pk", flat=True).query.sql_with_params()
    main_table = f'FROM "{table}"'
    if main_table not in sql:
        raise ValueError(f"Cannot sample a query that does not read {table} first.")
    sample = f"{main_table} TABLESAMPLE SYSTEM ({float(SAMPLE_PERCENT[kind])}) REPEATABLE ({int(SEED)})"
    with connection.cursor() as cursor:
        cursor.execute(sql.replace(main_table, sample, 1), params)
        return [row[0] for row in cursor.fetchall()]


def scale(count: int, kind: str) -> int:
    """A sample count scaled to the whole table, rounded to two significant figures."""
    estimate = count * 100 / SAMPLE_PERCENT[kind]
    if estimate < 100:
        return round(estimate)
    digits = len(str(int(estimate))) - 2
    return int(round(estimate, -digits))
