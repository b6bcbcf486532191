"""pytest's assertion rewriting of the test modules done once, shared out among xdist's workers.

pytest rewrites the asserts of every test module as it imports it, and keeps what it made beside
the source (`__pycache__/*-pytest-*.pyc`, written unless PYTHONDONTWRITEBYTECODE is set, which
`make test` clears). On a fresh clone each worker rewrote all of them for itself, the two at the
same time: about 3 CPU-s each for the same files. Each worker now rewrites its share before it
collects, beside the others (the controller doing them all had kept the workers waiting to be
started). A module another worker has not reached yet when it is imported is rewritten by
pytest's import hook, as before. This calls pytest's own rewriting as its import hook does
(internal functions); where they are not what they were, nothing is written here and each worker
rewrites as before. (The plugins' packages, which pytest also rewrites, are not rewritten at all
under `make test`: it names its plugins, see the Makefile's PLUGINS.)
"""

import os
import sys


def this_workers_share(config) -> None:
    """In a worker: every n-th test module (n workers), starting at this worker's number."""
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    number = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    if sys.dont_write_bytecode or count < 2:
        return
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
    except (ImportError, KeyError):  # another pytest, or --assert=plain
        return
    for path in list(_test_modules(config))[number::count]:
        _rewrite(rewrite, state, config, path)


def _test_modules(config):
    """The test modules under the paths the workers will collect (the command line's, or testpaths)."""
    from _pytest.pathlib import fnmatch_ex

    patterns = config.getini("python_files")
    for path in _paths_to_collect(config):
        if any(fnmatch_ex(pattern, path) for pattern in patterns):
            yield path


def _paths_to_collect(config):
    """The Python files under the paths the workers will collect (the command line's, or testpaths)."""
    for argument in config.args:
        path = config.invocation_params.dir / argument.split("::")[0]
        if path.is_dir():
            yield from sorted(path.rglob("*.py"))
        elif path.is_file():
            yield path


def _rewrite(rewrite, state, config, path) -> None:
    """What pytest's import hook does for a module it rewrites, but for running it."""
    try:
        pyc = rewrite.get_cache_dir(path) / (path.name[:-3] + rewrite.PYC_TAIL)
        if rewrite._read_pyc(path, pyc) is not None:
            return  # made by an earlier run, or another worker, and up to date
        if rewrite.try_makedirs(pyc.parent):
            source_key, code = rewrite._rewrite_test(path, config)
            rewrite._write_pyc(state, code, source_key, pyc)
    except (AttributeError, TypeError, ValueError):
        return
