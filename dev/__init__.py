"""Tools for working on the archive, not part of it: the benchmark harness (`make bench`,
`make bench-import`), the load test (`make loadtest`), the import and search evaluations
(`make eval-import`, `make eval-search`) and `make run`'s preflight.

A checkout has this package beside the app; the production image leaves it out (.dockerignore) and
`pip install .` does not install it (pyproject.toml). Its management commands are there when the
DEV_TOOLS setting adds this app to INSTALLED_APPS (on by default where the package is present).
Nothing in archive/ imports it (tests/test_code_style.py)."""
