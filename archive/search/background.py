"""Work a search page hands to other threads while the request goes on: facet counts and snippets.

A search page asks the index for three kinds of work: the page's hits, their highlighted
snippets, and the exact count of every facet value (terms aggregations over every matching
document, one aggregation for the unselected facets and one for each selected facet).

- The aggregations are most of the index's time, and tantivy-py releases Python's lock while it
  aggregates, so they run on a pool of two threads ("counts") while this thread finds the hits
  and the engine reads them from PostgreSQL. The counts are awaited where the page first reads
  them (PendingCounts).
- The snippets are made on a thread of their own ("snippets") once the hits are known, while
  this thread reads the hits' rows from PostgreSQL: making them holds Python's lock, but reading
  the rows is mostly waiting for the database (longest when the rows are not yet in its cache).

On one core this changes nothing; on two it takes the work off a request's critical path. It adds
no throughput when every core is already busy (many requests at once).
"""

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor

POOLS = {"counts": 2, "snippets": 1}  # a pool's name -> its number of threads
_lock = threading.Lock()
_pools: dict[str, tuple[ThreadPoolExecutor, int]] = {}  # name -> (pool, the pid it was made in)


def _executor(pool: str = "counts") -> ThreadPoolExecutor:
    """One pool of each name a process, made on first use: a pool made before gunicorn forks its
    workers would have no threads in them."""
    with _lock:
        made = _pools.get(pool)
        if made is None or made[1] != os.getpid():
            made = (
                ThreadPoolExecutor(max_workers=POOLS[pool], thread_name_prefix=f"search-{pool}"),
                os.getpid(),
            )
            _pools[pool] = made
        return made[0]


def start(work: Callable[[], object], pool: str = "counts") -> Future:
    return _executor(pool).submit(work)


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
