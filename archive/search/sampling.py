"""Estimates for searches that match a great part of the archive.

Counting every match of a broad word means reading every matching search
vector (over a second for half a million comments). Above ESTIMATE_ABOVE
matches of one kind, the counts come from a fixed sample of the table's pages
instead (TABLESAMPLE SYSTEM, REPEATABLE, so the same search gives the same
figures), scaled up, and the page says they are estimates. Whether a match set
is that large is first asked of the planner's estimate (EXPLAIN, nothing run);
archive.search.tallies reads it, and reads it again the other way when the rows
disagree.
"""

import json
import re

# Above this many matches of one kind, counts come from the sample: an exact count of every
# facet costs about 7 µs a hit (the topic page at 30,000 articles, 16,000 hits: 0.4 s).
ESTIMATE_ABOVE = 5_000
RANK_UP_TO = 20_000  # hits ranked by relevance (each match's vector read); past it, newest first
# Of each table's pages: about 5,000 rows of each kind at 100,000 articles and 1,000,000 comments.
SAMPLE_PERCENT = {"article": 5.0, "comment": 0.5}
SEED = 7


def planned_rows(queryset) -> float:
    """How many rows the planner expects the queryset to give (EXPLAIN, nothing run)."""
    plan = queryset.order_by().values("pk").explain(format="json")
    return json.loads(plan)[0]["Plan"]["Plan Rows"]


def sampled_sql(queryset, kind: str) -> tuple[str, list]:
    """The queryset's SQL, reading only the sample of its table's pages.

    The sample has to drive the query: written as ``pk IN (sample)`` the
    planner tests the search on every row first and only then keeps the
    sampled ones, so the clause is put on the main table itself. Django has no
    TABLESAMPLE, hence the one textual change to the SQL it compiles (the
    percentage and seed are constants of this module, never user input).
    """
    table = queryset.model._meta.db_table
    sql, params = queryset.query.sql_with_params()
    # The table itself, not one of its columns (as in EXTRACT(YEAR FROM "table"."column")).
    main_table = re.compile(rf'FROM "{re.escape(table)}"(?!\.)')
    sample = f'FROM "{table}" TABLESAMPLE SYSTEM ({float(SAMPLE_PERCENT[kind])}) REPEATABLE ({int(SEED)})'
    sampled, replaced = main_table.subn(lambda match: sample, sql, count=1)
    if not replaced:
        raise ValueError(f"Cannot sample a query that does not read {table} first.")
    return sampled, list(params)


def scale(count: int, kind: str) -> int:
    """A sample count scaled to the whole table, rounded to two significant figures."""
    estimate = count * 100 / SAMPLE_PERCENT[kind]
    if estimate < 100:
        return round(estimate)
    digits = len(str(int(estimate))) - 2
    return int(round(estimate, -digits))
