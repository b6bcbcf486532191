"""A search index kept between a module's tests that all start from the same rows (the
`kept_search_index` fixture in tests/conftest.py), instead of emptied and filled from the outbox
again by each test as `_search_index` does."""

from pathlib import Path


class _KeptIndex:
    """The index's meta.json as the module's rows left it: every commit rewrites it."""

    meta: bytes | None = None


def _index_meta(folder) -> bytes:
    return (Path(folder) / "meta.json").read_bytes()


def index_module_rows(search_index_dir) -> None:
    """For a module fixture whose rows every test of the module starts from (committed, or in a
    transaction the tests' own roll back to): the outbox applied now, and so emptied where those
    rows are."""
    from django.test import override_settings

    from archive.search.indexer import apply_pending, get_backend

    with override_settings(SEARCH_INDEX_DIR=search_index_dir, SEARCH_INDEX_SYNCHRONOUS=True):
        backend = get_backend()
        backend.clear()
        apply_pending(backend, lock=False)
    _KeptIndex.meta = _index_meta(search_index_dir)


def index_as_the_module_left_it(search_index_dir) -> None:
    """At a test's start (inside its transaction): a test before it that wrote to the index (its
    own rows, rolled back after it) changed meta.json, and the index is then made again from the
    module's rows, which are all the database holds. Not marked as rebuilt, as in `_search_index`."""
    from archive.search.documents import every_entry
    from archive.search.indexer import get_backend
    from archive.search.tantivy_backend import BUILT_FILE

    backend = get_backend()
    if _index_meta(search_index_dir) != _KeptIndex.meta:
        backend.clear()
        backend.index_entries(list(every_entry()))
        _KeptIndex.meta = _index_meta(search_index_dir)
    (backend.path / BUILT_FILE).unlink(missing_ok=True)
