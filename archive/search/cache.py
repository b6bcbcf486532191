"""The archive's data version: a counter that triggers move on every write (migration 0012).

Cached article and search pages and fragments are keyed by it (archive.views.page_cache),
so a change is seen by the very next request with nothing to invalidate by hand (a search
page is kept only once the search index is in step). What a search reads of the database's
small tables (the glossary, the names of bodies, topics and publications) is kept per data
version by ``per_data_version``.
"""

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from django.core.signals import request_finished, request_started
from django.db import connection

T = TypeVar("T")
_every_store: list[dict] = []  # what each per_data_version function keeps, for forget_all()
# Within one web request the version is read once (several parts of a search page ask for it).
_request = threading.local()
# Within one search (``one_data_version``), whatever the transaction has written before it.
_search = threading.local()


def data_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM archive_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def committed_data_version() -> int | None:
    """The data version, or None if this transaction has written (its version would go back on
    a rollback and be reused by other writes, so nothing may be kept under it)."""
    key = _cache_key()
    return key if isinstance(key, int) else None


def _cache_key() -> int | tuple[str, int, int]:
    """The committed data version; or, in a transaction that has written, the version it sees
    with the id of the (sub)transaction that last moved it (the row's xmin). Every write moves
    the version in the (sub)transaction that writes, and transaction ids are never reused, so
    such a key is one state of the data even across a rolled-back savepoint, and no other
    transaction sees that row until this one commits, with exactly this data. (Tests write their
    rows in their own transaction, then search them many times: read afresh for each search,
    the small tables ``per_data_version`` keeps cost most of a search.)"""
    if getattr(_search, "key", None) is not None:
        return _search.key
    if getattr(_request, "active", False) and getattr(_request, "version", None) is not None:
        return _request.version
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version, txid_current_if_assigned() IS NULL, xmin::text::bigint "
            "FROM archive_dataversion WHERE id = 1"
        )
        version, committed, writer = cursor.fetchone() or (0, True, 0)
    key = ("written", version, writer) if not committed else version
    if getattr(_search, "active", False):
        _search.key = key
    if committed and getattr(_request, "active", False):
        _request.version = version
    return key


def one_data_version(function: Callable[..., T]) -> Callable[..., T]:
    """``function`` (which writes nothing once it has asked) reads the data version once, the first
    time something it calls asks for it. A search asks four or five times (the glossary, the
    names it shows); in a web request the committed version was read once already, but a
    transaction that has written (a curator's preview, the tests) and a search outside a request
    (the tests) paid a query each time."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if getattr(_search, "active", False):
            return function(*args, **kwargs)
        _search.active, _search.key = True, None
        try:
            return function(*args, **kwargs)
        finally:
            _search.active, _search.key = False, None

    return wrapper


def _request_starts(**kwargs):
    _request.active, _request.version = True, None


def _request_ends(**kwargs):
    _request.active, _request.version = False, None


request_started.connect(_request_starts, dispatch_uid="archive-data-version-request-starts")
request_finished.connect(_request_ends, dispatch_uid="archive-data-version-request-ends")


def per_data_version(build: Callable[[], T]) -> Callable[[], T]:
    """``build()``'s answer, kept until the data changes: one query for the data version per
    request instead of the reads ``build`` makes. Each process keeps only the newest committed
    version's, and the newest of a transaction that has written (``_cache_key``)."""
    kept: dict[int | tuple, T] = {}
    lock = threading.Lock()
    _every_store.append(kept)

    def current() -> T:
        key = _cache_key()
        with lock:
            if key in kept:
                return kept[key]
        found = build()
        with lock:
            for old in [old for old in kept if type(old) is type(key)]:
                del kept[old]
            kept[key] = found
        return found

    current.__doc__ = build.__doc__
    return current


def forget_all() -> None:
    """Drop everything kept per data version (the tests start each test afresh)."""
    for kept in _every_store:
        kept.clear()
