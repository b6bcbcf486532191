"""The archive's data version: a counter that triggers move on every write (migration 0012).

Cached article and search pages and fragments are keyed by it (archive.views.page_cache),
so a change is seen by the very next request with nothing to invalidate by hand (a search
page is kept only once the search index is in step). What a search reads of the database's
small tables (the glossary, the names of bodies, topics and publications) is kept per data
version by ``per_data_version``.
"""

import threading
from collections.abc import Callable
from typing import TypeVar

from django.core.signals import request_finished, request_started
from django.db import connection

T = TypeVar("T")
_every_store: list[dict] = []  # what each per_data_version function keeps, for forget_all()
# Within one web request the version is read once (several parts of a search page ask for it).
_request = threading.local()


def data_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM archive_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def committed_data_version() -> int | None:
    """The data version, or None if this transaction has written (its version would go back on
    a rollback and be reused by other writes, so nothing may be kept under it)."""
    if getattr(_request, "active", False) and getattr(_request, "version", None) is not None:
        return _request.version
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version, txid_current_if_assigned() IS NULL FROM archive_dataversion WHERE id = 1"
        )
        row = cursor.fetchone()
    version = (row[0] if row else 0) if (row is None or row[1]) else None
    if getattr(_request, "active", False):
        _request.version = version
    return version


def _request_starts(**kwargs):
    _request.active, _request.version = True, None


def _request_ends(**kwargs):
    _request.active, _request.version = False, None


request_started.connect(_request_starts, dispatch_uid="archive-data-version-request-starts")
request_finished.connect(_request_ends, dispatch_uid="archive-data-version-request-ends")


def per_data_version(build: Callable[[], T]) -> Callable[[], T]:
    """``build()``'s answer, kept until the data changes: one query for the data version per
    request instead of the reads ``build`` makes. Each process keeps only the newest version's."""
    kept: dict[int, T] = {}
    lock = threading.Lock()
    _every_store.append(kept)

    def current() -> T:
        version = committed_data_version()
        if version is None:
            return build()
        with lock:
            if version in kept:
                return kept[version]
        found = build()
        with lock:
            kept.clear()
            kept[version] = found
        return found

    current.__doc__ = build.__doc__
    return current


def forget_all() -> None:
    """Drop everything kept per data version (the tests start each test afresh)."""
    for kept in _every_store:
        kept.clear()
