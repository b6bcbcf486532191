# The front door. `make run` and `make test` do all set-up on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PIDFILE := .run/gunicorn.pid

export HOST PORT

.PHONY: install run test test-fast lint format migrations-check curator seed backup restore loadtest bench eval-import bench-import fuzz eval-search

install: $(STAMP)

# The environment is made from the fastest build of PYTHON's version on this machine when PYTHON is
# not given (dev/python_build.py: Debian's own Python 3.11, built with profile-guided optimisation,
# ran the suite in 15% less CPU than pyenv's); from exactly the one given when it is
# (`make test PYTHON=python3.12`, or PYTHON in the environment).
FASTEST_BUILD := $(if $(filter file,$(origin PYTHON)),--fastest-build)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@# uv installs what pip would (this machine's pip configuration passed on), or pip itself where
	@# uv cannot or INSTALLER=pip: dev/install.py.
	$(PYTHON) dev/install.py $(FASTEST_BUILD) $(VENV) -e '.[dev]'
	@touch $(STAMP)

run: install
	@mkdir -p .run
	@$(PY) -m dev.preflight $(PIDFILE) $(HOST) $(PORT)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed
	$(MANAGE) collectstatic --noinput --verbosity 0
	@# The background worker (big imports) runs beside gunicorn and stops with it; its log is .run/worker.log.
	@$(MANAGE) db_worker >> .run/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Background import worker started (pid $$worker, log .run/worker.log)"; \
	GUNICORN_PIDFILE=$(PIDFILE) $(VENV)/bin/gunicorn --config gunicorn.conf.py config.wsgi

# axe-core's rules, for the browser tests' accessibility checks (package.json); skipped without npm.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json
	@if command -v npm >/dev/null; then npm install --no-save --no-audit --no-fund --silent; \
	else echo "npm is not installed: the axe accessibility checks will be skipped (apt-get install npm)"; fi

# The suite on one worker per core (at most 4; TEST_WORKERS=1 for one), each worker with its own
# test database on the one embedded server; a file's tests stay together on one worker (the browser
# files all on one), files handed
# out in the order tests/conftest.py gives them (pytest_collection_modifyitems; xdist would put the
# biggest first).
# `make test` is everything, as CI runs it; `make test-fast` leaves out the tests marked slow
# (benchmark smoke, faults, browsers). pytest's exit 5 (no tests collected) is a failure here.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n < 4 ? n : 4 )))
# Bytecode written even where PYTHONDONTWRITEBYTECODE is set (this machine sets it): pytest then keeps
# its assertion-rewritten test modules and plugins, which every worker rewrote at every run, about
# 3 CPU-s a worker (collection took 8 CPU-s, 4 with them kept).
# The plugins named rather than found through their entry points: pytest rewrites the asserts of
# every module of an entry point's package (all of Hypothesis's, 110 modules, about 1 CPU-s on a
# fresh clone, on the way to the first test); a named plugin's own module only.
PLUGINS := PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(PY) -m pytest -p xdist.plugin -p pytest_django.plugin -p _hypothesis_pytestplugin
PYTEST := PYTHONDONTWRITEBYTECODE= $(PLUGINS) -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
NO_TESTS_FAILS := status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure here."; exit 1; fi; \
	exit $$status

# The project's modules compiled first (in parallel, under a second on a fresh clone): otherwise the
# workers, which start together, each compile them, and where PYTHONDONTWRITEBYTECODE is set so did
# every subprocess the suite starts (gunicorn, manage.py, the benchmark), 3 CPU-s a worker. By the
# Python that makes the environment (the same version, the same bytecode), so that it can run beside
# the install; not the test modules, which pytest runs rewritten (tests/assert_rewriting.py).
COMPILE := $(PYTHON) -m compileall -q -j 0 -x '(^|/)tests/test_[^/]*\.py$$' archive config dev tests manage.py >/dev/null

.PHONY: project-bytecode
project-bytecode:
	@$(COMPILE)

# What the suite needs, made side by side as none needs another (about 2 s sooner on a fresh clone):
# the environment, axe-core, the project's bytecode.
SUITE_NEEDS := $(MAKE) --no-print-directory -j 3 install $(AXE) project-bytecode

test:
	@$(SUITE_NEEDS)
	@$(PYTEST) $(PYTEST_ARGS); $(NO_TESTS_FAILS)

test-fast:
	@$(SUITE_NEEDS)
	@$(PYTEST) -m "not slow" $(PYTEST_ARGS); $(NO_TESTS_FAILS)

# Property-based fuzzing of every public URL pattern (tests/test_fuzz.py): `make test` runs 200
# fixed cases; this runs FUZZ_EXAMPLES (default 10,000) new random ones. Figures: docs/fuzzing.md.
FUZZ_EXAMPLES ?= 10000
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 $(PY) -m pytest tests/test_fuzz.py -q -s

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

eval-import: install
	$(PY) -m dev.import_eval tests/import_devset tests/import_holdout tests/import_crossset/dev tests/import_crossset/holdout tests/import_holdout2

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

curator: install
	$(MANAGE) migrate --noinput
	$(MANAGE) create_curator

seed: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed

backup: install
	$(MANAGE) backup

restore: install
	@test -n "$(FILE)" || (echo "Say which backup: make restore FILE=backups/archive-....dump"; exit 1)
	$(MANAGE) restore "$(FILE)"

# Search relevance on the judged query set (tests/search_eval), in a database of its own; see docs/search-eval.md.
eval-search: install
	$(MANAGE) eval_search

# A bounded load test on loopback (60 s, 32 connections) with Debian's wrk; figures in docs/benchmarks.md.
loadtest: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) loadtest

# Admin preview and import times for the seed paste and 5,000 / 15,000 comments (scratch database;
# the big ones through the background worker). Figures in docs/benchmarks.md.
bench-import: install
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) bench_import

# The scale benchmark: `make bench` (100,000 articles), or e.g. `make bench BENCH_ARGS="--articles 10000"`.
# Datasette, the peer it is measured against, gets an environment of its own (the bench-peer extra).
PEER_VENV := .venv-peer
PEER_STAMP := $(PEER_VENV)/.installed-stamp

$(PEER_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["bench-peer"], sep="\n")' \
		| $(PEER_VENV)/bin/python -m pip install --quiet -r /dev/stdin
	@touch $(PEER_STAMP)

bench: install $(PEER_STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(MANAGE) migrate --noinput
	$(MANAGE) bench --peer $(PEER_VENV)/bin/datasette $(BENCH_ARGS)
