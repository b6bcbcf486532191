"""Estimates for searches that match a great part of the archive.

Counting every match of a broad word means reading every matching search
vector (over a second for half a million comments), once per facet. Above
ESTIMATE_ABOVE matches of one kind, the counts come from a fixed sample of the
table's pages instead (TABLESAMPLE SYSTEM, REPEATABLE, so the same search gives
the same figures), scaled up, and the page says they are estimates.
"""

from django.db.models.expressions import RawSQL

ESTIMATE_ABOVE = 20_000  # matches of one kind of hit
SAMPLE_PERCENT = {"article": 10.0, "comment": 2.0}  # of each table's pages
SEED = 7


def sampled(queryset, kind: str):
    """The queryset restricted to the sample of its table."""
    table = queryset.model._meta.db_table
    sample = RawSQL(
        f"SELECT id FROM {table} TABLESAMPLE SYSTEM (%s) REPEATABLE ({SEED})", [SAMPLE_PERCENT[kind]]
    )
    return queryset.filter(pk__in=sample)


def scale(count: int, kind: str) -> int:
    """A sample count scaled to the whole table, rounded to two significant figures."""
    estimate = count * 100 / SAMPLE_PERCENT[kind]
    if estimate < 100:
        return round(estimate)
    digits = len(str(int(estimate))) - 2
    return int(round(estimate, -digits))


def estimated_matches(queryset, kind: str) -> int:
    return scale(sampled(queryset, kind).count(), kind)
