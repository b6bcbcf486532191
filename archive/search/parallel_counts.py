"""Facet counts worked out on other threads while the request goes on.

A search page asks the index for two kinds of work: the page's hits (ranked, with snippets) and
the exact count of every facet value (terms aggregations over every matching document, one
aggregation for the unselected facets and one for each selected facet). The aggregations are
most of the index's time, and tantivy-py releases Python's lock while it aggregates, so they
run on a small pool of threads while this thread finds the hits and the engine reads them from
PostgreSQL. The counts are awaited only where the page first reads them.

On one core this changes nothing; on two it takes the aggregations off a request's critical
path. It adds no throughput when every core is already busy (many requests at once).
"""

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor

THREADS = 2
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_pid: int | None = None


def _executor() -> ThreadPoolExecutor:
    """One pool a process, made on first use: a pool made before gunicorn forks its workers
    would have no threads in them."""
    global _pool, _pool_pid
    with _lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="facet-counts")
            _pool_pid = os.getpid()
        return _pool


def start(work: Callable[[], dict]) -> Future:
    return _executor().submit(work)


class PendingCounts(Mapping):
    """A facet name -> its counts, from futures that each give a dict of some facets' counts;
    reading any facet waits for all of them (an error in one is raised here)."""

    def __init__(self, futures: list[Future]):
        self._futures = futures
        self._counts: dict | None = None

    def _all(self) -> dict:
        if self._counts is None:
            counts = {}
            for future in self._futures:
                counts.update(future.result())
            self._counts = counts
        return self._counts

    def __getitem__(self, name):
        return self._all()[name]

    def __iter__(self) -> Iterator:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
