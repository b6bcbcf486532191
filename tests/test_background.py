"""Work made on other threads (archive.search.background): facet counts merged and awaited, an
error in one thread raised where the counts are read, snippets on a pool of their own."""

import threading

import pytest

from archive.search import background


def test_counts_from_several_threads_are_merged_and_awaited():
    release = threading.Event()

    def slow():
        release.wait(5)
        return {"year": {2020: 3}}

    pending = background.PendingCounts(
        [background.start(lambda: {"kind": {"article": 2}}), background.start(slow)]
    )
    release.set()
    assert dict(pending) == {"kind": {"article": 2}, "year": {2020: 3}}
    assert pending["year"] == {2020: 3}
    assert len(pending) == 2


def test_the_work_runs_off_the_calling_thread():
    names = background.start(lambda: {"thread": threading.current_thread().name}).result()
    assert names["thread"].startswith("search-counts")


def test_snippets_have_a_pool_of_their_own_beside_busy_counts():
    """Snippets are not queued behind the aggregations of a search with several selected facets."""
    release = threading.Event()
    busy = [background.start(lambda: release.wait(5)) for _ in range(background.POOLS["counts"] + 1)]
    made = background.start(lambda: threading.current_thread().name, pool="snippets").result(timeout=5)
    release.set()
    assert made.startswith("search-snippets") and all(future.result(timeout=5) for future in busy)


def test_an_error_in_a_thread_is_raised_where_the_counts_are_read():
    def broken():
        raise ValueError("the index could not count")

    pending = background.PendingCounts([background.start(broken)])
    with pytest.raises(ValueError, match="could not count"):
        pending["kind"]


def test_a_forked_process_makes_a_pool_of_its_own(monkeypatch):
    first = background._executor()
    assert background._executor() is first
    assert background._executor("snippets") is not first
    monkeypatch.setattr(background.os, "getpid", lambda: -1)
    assert background._executor() is not first
