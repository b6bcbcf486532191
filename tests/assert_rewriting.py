"""pytest's assertion rewriting done once, in xdist's controller, for the workers.

pytest rewrites the asserts of every test module, and of the packages of pytest's plugins
(Hypothesis among them), as it imports them, and keeps what it made beside the source
(`__pycache__/*-pytest-*.pyc`, written unless PYTHONDONTWRITEBYTECODE is set, which `make test`
clears). On a fresh clone each worker rewrote all of them for itself, the two at the same time:
about 3.5 CPU-s each for the same files. Made here before the workers start, they only read them.
This calls pytest's own rewriting as its import hook does (internal functions); where they are
not what they were, nothing is written here and each worker rewrites as before.
"""

import sys


def rewrite_for_the_workers(config) -> None:
    if sys.dont_write_bytecode:
        return
    try:
        from _pytest.assertion import rewrite
        from _pytest.pathlib import fnmatch_ex

        state = config.stash[rewrite.assertstate_key]
    except (ImportError, KeyError):  # another pytest, or --assert=plain
        return
    patterns = config.getini("python_files")
    uses_hypothesis = False
    for path in _paths_to_collect(config):
        if any(fnmatch_ex(pattern, path) for pattern in patterns):
            _rewrite(rewrite, state, config, path)
            uses_hypothesis = uses_hypothesis or "hypothesis" in path.read_text(encoding="utf-8")
    if uses_hypothesis:
        # A plugin's package, its modules rewritten as they are imported through pytest's import
        # hook: imported here, as the workers will import it.
        import hypothesis  # noqa: F401


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
            return  # made by an earlier run, and up to date
        if rewrite.try_makedirs(pyc.parent):
            source_key, code = rewrite._rewrite_test(path, config)
            rewrite._write_pyc(state, code, source_key, pyc)
    except (AttributeError, TypeError, ValueError):
        return
