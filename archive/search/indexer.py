"""Keeps the search index in step with PostgreSQL through the outbox (archive.models.search_outbox).

One indexer at a time, under a PostgreSQL advisory lock: it reads a batch of
queued ids, reads those rows as they are now, replaces their documents in one
index commit, and only then deletes the batch's outbox rows. A crash anywhere
in between leaves the rows queued, and applying them again gives the same
index. A rebuild takes the same lock, so the two never write at once.
"""

import logging
import time
from contextlib import contextmanager
from threading import Lock

from django.conf import settings
from django.db import connection, transaction

from archive.models.search_outbox import CHANNEL
from archive.search import documents

log = logging.getLogger(__name__)
LOCK_KEY = 0x5EA2C11  # pg_advisory_lock's key for "writing the search index"
BATCH = 2000

_backends: dict = {}
_backend_lock = Lock()


def get_backend(writer: bool = True):
    """This process's backend on settings.SEARCH_INDEX_DIR (opened once). Only writers (the
    indexer, the rebuild, a synchronous process) may create or replace the index on disk."""
    from archive.search.tantivy_backend import TantivyBackend

    path = str(settings.SEARCH_INDEX_DIR)
    with _backend_lock:
        backend = _backends.get(path)
        if backend is None or (writer and not backend.writer_role):
            backend = _backends[path] = TantivyBackend(settings.SEARCH_INDEX_DIR, writer=writer)
        return backend


def holds_everything(backend) -> bool:
    """Whether searches on ``backend`` can find every published piece: its index on disk has been
    built in full (not still being built, after a first start or a release that changed its
    schema), or this process applies the outbox itself before each search (the tests)."""
    return settings.SEARCH_INDEX_SYNCHRONOUS or (backend.on_disk and backend.built)


def reading_backend():
    """The backend for a search: in synchronous mode, with the outbox applied first."""
    backend = get_backend(writer=settings.SEARCH_INDEX_SYNCHRONOUS)
    if settings.SEARCH_INDEX_SYNCHRONOUS and pending():
        apply_pending(backend, lock=False)
    return backend


@contextmanager
def advisory_lock(wait: bool = True):
    """Held for one batch or one rebuild; yields whether it was taken."""
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
            taken = True
        else:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def pending() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_searchoutbox")
        return cursor.fetchone()[0]


def apply_batch(backend, batch: int = BATCH) -> int:
    """Apply up to ``batch`` queued changes; returns how many outbox rows were consumed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, kind, object_id FROM archive_searchoutbox ORDER BY id LIMIT %s", [batch])
        rows = cursor.fetchall()
    if not rows:
        return 0
    queued = {"article": set(), "comment": set(), "comments": set()}
    for _, kind, object_id in rows:
        queued[kind].add(object_id)
    comments_of = sorted(queued["comments"])
    comment_ids = queued["comment"] | set(documents.comment_ids_of(comments_of) if comments_of else [])
    articles = documents.articles(sorted(queued["article"])) if queued["article"] else []
    comments = documents.comments(sorted(comment_ids)) if comment_ids else []
    gone = {
        "article": sorted(queued["article"] - {entry.pk for entry in articles}),
        "comment": sorted(comment_ids - {entry.pk for entry in comments}),
    }
    backend.apply([*articles, *comments], gone, comments_of)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_searchoutbox WHERE id = ANY(%s)", [[row[0] for row in rows]])
    return len(rows)


def apply_pending(backend=None, *, lock: bool = True) -> int:
    """Apply the whole outbox now; returns the number of outbox rows applied."""
    backend = backend or get_backend()
    total = 0
    if lock:
        with advisory_lock():
            while consumed := apply_batch(backend):
                total += consumed
    else:
        while consumed := apply_batch(backend):
            total += consumed
    return total


def rebuild(backend=None, progress=None) -> int:
    """Every document again from PostgreSQL. The outbox rows this snapshot already covers are
    deleted in the same transaction, so changes committed meanwhile are still applied after."""
    backend = backend or get_backend()
    outermost = not connection.in_atomic_block  # (inside a test's transaction: its snapshot)
    with advisory_lock(), transaction.atomic():
        with connection.cursor() as cursor:
            if outermost:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("DELETE FROM archive_searchoutbox")
        total = documents.count_entries()
        return backend.rebuild(documents.every_entry(), total, progress)


def run_forever(stop=lambda: False, idle_seconds: float = 1.0) -> None:
    """The indexer's loop: apply the outbox, then sleep until NOTIFY (or a second) says more came.

    A lost database connection or a failed batch is logged and retried; nothing is lost
    because the outbox keeps every change until it has been applied."""
    backend = get_backend()
    if not backend.built:
        log.info("No complete search index at %s: building it from the database", backend.path)
        rebuild(backend, progress=_log_progress)
    listening = False
    while not stop():
        try:
            if not listening:
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute(f"LISTEN {CHANNEL}")
                listening = True
            applied = apply_pending(backend)
            if applied:
                log.info("Search index: %s changes applied", applied)
            # Sleep until a commit NOTIFYs (or a second passes); the outbox itself says what changed.
            for _ in connection.connection.notifies(timeout=idle_seconds, stop_after=1):
                pass
        except Exception:
            log.exception("Search indexer: a batch failed; retrying in a moment")
            listening = False
            connection.close()
            time.sleep(idle_seconds)


def _log_progress(done: int, total: int) -> None:
    if done == total or done % 100_000 == 0:
        log.info("Search index: %s of %s documents", f"{done:,}", f"{total:,}")
