"""The search index's outbox: which rows changed, written by triggers in the changing transaction.

Declared here; the triggers that fill it are declared beside their tables
(``Article.Meta.triggers``, ``Comment.Meta.triggers``) with django-pgtrigger, so
every write path (admin, importer, tag decisions through the facet columns,
publishing, merges, deletes, COPY, raw SQL) leaves a row, committed with the
change itself or not at all. The indexer (archive.search.indexer) applies the
rows and deletes them only after the index has committed, so a crash between
the two replays them.
"""

from django.db import models
from django.db.models.functions import Now

import pgtrigger

CHANNEL = "archive_search"  # NOTIFY'd on every change, so the indexer need not poll


class OutboxKind(models.TextChoices):
    ARTICLE = "article", "Article"
    COMMENT = "comment", "Comment"
    COMMENTS_OF = "comments", "Every comment of an article"


class SearchOutbox(models.Model):
    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=10, choices=OutboxKind.choices)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name = "search index change"

    def __str__(self):
        return f"{self.kind} {self.object_id}"


def _queue(select: str) -> str:
    return (
        f"INSERT INTO archive_searchoutbox (kind, object_id) {select};\n"
        f"PERFORM pg_notify('{CHANNEL}', '');\n"
        "RETURN NULL;"
    )


def outbox_triggers(kind: str, *, on_update: str = "", on_delete: str = "") -> list:
    """Statement-level triggers (one per event, as transition tables require) that queue the
    changed rows' ids, plus what ``on_update`` / ``on_delete`` add (further SELECTs)."""
    return [
        pgtrigger.Trigger(
            name=f"search_{kind}_insert",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=pgtrigger.Insert,
            referencing=pgtrigger.Referencing(new="new_rows"),
            func=_queue(f"SELECT '{kind}', id FROM new_rows"),
        ),
        pgtrigger.Trigger(
            name=f"search_{kind}_update",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=pgtrigger.Update,
            referencing=pgtrigger.Referencing(old="old_rows", new="new_rows"),
            func=_queue(f"SELECT '{kind}', id FROM new_rows {on_update}"),
        ),
        pgtrigger.Trigger(
            name=f"search_{kind}_delete",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=pgtrigger.Delete,
            referencing=pgtrigger.Referencing(old="old_rows"),
            func=_queue(f"SELECT '{kind}', id FROM old_rows {on_delete}"),
        ),
    ]


# An article's comments carry its status (only a published article's comments are indexed)
# and publication: when either changes, or the article goes, its comments are queued too.
ARTICLE_TRIGGERS = outbox_triggers(
    "article",
    on_update=(
        "UNION ALL SELECT 'comments', new_rows.id FROM new_rows JOIN old_rows ON old_rows.id = new_rows.id "
        "WHERE new_rows.status IS DISTINCT FROM old_rows.status "
        "OR new_rows.publication_id IS DISTINCT FROM old_rows.publication_id"
    ),
    on_delete="UNION ALL SELECT 'comments', id FROM old_rows",
)
# A comment moved to another article (a merge) keeps its id: the new row says all.
COMMENT_TRIGGERS = outbox_triggers("comment")
