"""Facet counts made on other threads (archive.search.parallel_counts): merged, awaited, and an
error in one thread raised where the counts are read."""

import threading

import pytest

from archive.search import parallel_counts


def test_counts_from_several_threads_are_merged_and_awaited():
    release = threading.Event()

    def slow():
        release.wait(5)
        return {"year": {2020: 3}}

    pending = parallel_counts.PendingCounts(
        [parallel_counts.start(lambda: {"kind": {"article": 2}}), parallel_counts.start(slow)]
    )
    release.set()
    assert dict(pending) == {"kind": {"article": 2}, "year": {2020: 3}}
    assert pending["year"] == {2020: 3}
    assert len(pending) == 2


def test_the_work_runs_off_the_calling_thread():
    names = parallel_counts.start(lambda: {"thread": threading.current_thread().name}).result()
    assert names["thread"].startswith("facet-counts")


def test_an_error_in_a_thread_is_raised_where_the_counts_are_read():
    def broken():
        raise ValueError("the index could not count")

    pending = parallel_counts.PendingCounts([parallel_counts.start(broken)])
    with pytest.raises(ValueError, match="could not count"):
        pending["kind"]


def test_a_forked_process_makes_a_pool_of_its_own(monkeypatch):
    first = parallel_counts._executor()
    assert parallel_counts._executor() is first
    monkeypatch.setattr(parallel_counts.os, "getpid", lambda: -1)
    assert parallel_counts._executor() is not first
