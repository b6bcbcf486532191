"""A counter that moves whenever the archive's public data changes, for the caches.

The table is migration 0012's (one row, id 1). Every table a search or a browse
page reads bumps it through a statement-level trigger declared in its model's
``Meta`` (``bumps_data_version()``), on every write path: admin, importer, COPY
in the benchmark, raw SQL. Cached searches and pages are keyed by it
(archive.search.cache), so a change is seen by the next request without anyone
having to say what to invalidate.
"""

from django.db import models

import pgtrigger


class DataVersion(models.Model):
    # Unmanaged: Django neither creates it nor empties it between tests (its one row must stay).
    id = models.IntegerField(primary_key=True)
    version = models.BigIntegerField()

    class Meta:
        managed = False
        db_table = "archive_dataversion"

    def __str__(self):
        return f"data version {self.version}"


BUMP = f"UPDATE {DataVersion._meta.db_table} SET version = version + 1 WHERE id = 1; RETURN NULL;"


def bumps_data_version(
    operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete | pgtrigger.Truncate,
) -> pgtrigger.Trigger:
    """Once per statement, whatever it changed (TRUNCATE too), so a COPY of a million rows is one bump."""
    return pgtrigger.Trigger(
        name="data_version", level=pgtrigger.Statement, when=pgtrigger.After, operation=operation, func=BUMP
    )


def bumps_data_version_when(name: str, condition: str) -> pgtrigger.Trigger:
    """Once per inserted row that meets ``condition`` (SQL on NEW): for a table that readers write
    to as well, whose rows matter to the caches only when a curator's are among them."""
    return pgtrigger.Trigger(
        name=name,
        level=pgtrigger.Row,
        when=pgtrigger.After,
        operation=pgtrigger.Insert,
        condition=pgtrigger.Condition(condition),
        func=BUMP,
    )
