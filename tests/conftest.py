import atexit
import contextlib
import gc
import os
import shutil
import tempfile
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# The order files are handed out in (pytest_collection_modifyitems): after the browser tests, the
# files that wait on servers and commands they start (handed out last, gunicorn's start and
# graceful stop in test_serving.py was the end of a run, its worker the only one busy); the
# benchmark's smoke test last of all, its run started in the background (tests/bench_smoke.py).
AFTER_THE_BROWSER_TESTS = ("test_faults.py", "test_serving.py", "test_security.py", "test_backup.py")
LAST_FILE = "test_bench.py"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The garbage collector's first generation collected every 50,000 allocations, not every 700: by
# default it ran about 1,900 times in a few files' tests, and took 8% of the tests' CPU (2.4 of 28
# CPU-s); at 50,000 it took 0.9. A test suite's objects live as long as a test at least.
GC_THRESHOLDS = (50_000, 20, 20)


def pytest_configure(config):
    from django.conf import settings
    from django.db.models.signals import post_migrate

    # Without DATABASE_URL the tests run on the embedded PostgreSQL, started (or joined) in the
    # background from here, before pytest-django makes the test databases (which wait for it); the
    # settings, read before this file, only name it.
    _database_in_the_background(config)

    post_migrate.connect(_curators_group_after_a_flush, dispatch_uid="tests-curators-group")
    _flush_by_delete()
    # Django's advice for test suites: a fast hasher. PBKDF2's 1,000,000 rounds cost about half a
    # CPU-second for every user a test makes and every log-in it tries; no test is about the hasher
    # (servers started in a subprocess, such as `check --deploy`'s, keep the real settings).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_finish(session):
    """What collection made (modules, test items, Django's apps) lives to the end of the session:
    kept out of every later collection, which then looks only at what the tests make."""
    gc.collect()
    gc.freeze()


def _curators_group_after_a_flush(sender, **kwargs):
    """A transactional test ends by emptying every table, the Curators group (made by a migration)
    with them. pytest-django runs those tests last, but under xdist a worker may be handed another
    file after one; Django sends post_migrate after the flush, and the group is made again here."""
    if sender.name != "archive":
        return
    from django.contrib.auth.models import Group, Permission

    from archive.services.curators import sync_curators_group

    sync_curators_group(Group, Permission)


def _database_in_the_background(config):
    """The embedded server started or joined (archive.embedded_db) in a thread of this process,
    while it goes on starting up; then, in the process that starts the session (xdist's
    controller, which runs no test), the test databases' migrated template (tests/db_template.py)
    made where it is missing. On a fresh clone the server's first start (initdb, 2 to 3 s) came
    before the workers were started, and the template after it, while they started and collected;
    now both run while the controller gets ready and the workers start. A worker's tests wait for
    the server (pytest_runtestloop) and, as before, for the template on its lock; any error is
    theirs to report."""
    from archive import embedded_db

    background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-database")
    config.stash[_SERVER] = background.submit(embedded_db.start_unless_configured)
    if not hasattr(config, "workerinput"):
        config.stash[_TEMPLATE] = background.submit(_template_unless_failing)
    background.shutdown(wait=False)  # its thread ends when both are done


_SERVER = pytest.StashKey[Future]()
_TEMPLATE = pytest.StashKey[Future]()
_BENCH_SMOKE = pytest.StashKey["BackgroundRun"]()


def _template_unless_failing():
    from django.conf import settings

    from tests.db_template import migrated_template

    with contextlib.suppress(Exception):  # the workers make it, or say why they cannot
        migrated_template(settings.DATABASES["default"])


def pytest_sessionstart(session):
    """In each xdist worker, before it collects: its share of the test modules' asserts rewritten
    (tests/assert_rewriting.py), which each worker did for all of them on a fresh clone. In the
    controller: the folder of the benchmark's smoke run (tests/bench_smoke.py) named for the
    workers, which inherit it."""
    if hasattr(session.config, "workerinput"):
        from tests.assert_rewriting import this_workers_share

        this_workers_share(session.config)
    elif session.config.pluginmanager.has_plugin("dsession"):
        from tests.bench_smoke import FOLDER_VARIABLE, BackgroundRun

        session.config.stash[_BENCH_SMOKE] = smoke = BackgroundRun()
        os.environ[FOLDER_VARIABLE] = str(smoke.folder)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    """In xdist's controller: the benchmark's smoke run started in the background as soon as a
    worker has collected its test (tests/bench_smoke.py), on the test server and template."""
    from tests.bench_smoke import TEST_ID

    smoke = node.config.stash.get(_BENCH_SMOKE, None)
    if smoke is not None and TEST_ID in ids:
        smoke.start(lambda: _the_database_for_a_subprocess(node.config))


def _the_database_for_a_subprocess(config) -> tuple[str, dict]:
    """The migrated template's name and an environment naming the test server, once both are made."""
    from django.conf import settings

    from archive.dburl import url_for
    from tests.db_template import django_environment, migrated_template

    config.stash[_SERVER].result()
    config.stash[_TEMPLATE].result()
    database = settings.DATABASES["default"]
    template = migrated_template(database)  # made by now: this only finds it
    return template, {**django_environment(), "DATABASE_URL": url_for(database, "postgres")}


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    """No test before the server is up (_database_in_the_background): collection went on meanwhile.
    Not in xdist's controller, which runs no test and made the server itself."""
    if not session.config.pluginmanager.has_plugin("dsession"):
        session.config.stash[_SERVER].result()


def pytest_sessionfinish(session):
    template = session.config.stash.get(_TEMPLATE, None)
    if template is not None:
        template.result()  # never stopped halfway (a half-made template would be dropped next time)
    smoke = session.config.stash.get(_BENCH_SMOKE, None)
    if smoke is not None:
        smoke.stop()  # a session that ended before its test


# The rows post_migrate makes again after every flush, the same ones each time (Django's content
# types, and the permissions made from them and from the models' Meta; no migration makes any):
# kept, not deleted and then inserted again one model and one app at a time, which was most of a
# flush (0.1 CPU-s of Python and 0.3 to 0.5 s in all, a flush). post_migrate still runs after the
# flush and finds them all there.
KEPT_BY_FLUSH = {"django_content_type", "auth_permission"}


def _flush_by_delete():
    """Django's flush (after each transactional test, and `shared_rows`' once a module) empties
    every table with one TRUNCATE, which gives each of the 34 tables and their indexes and TOAST
    tables (224 files) a new file: 0.2 to 0.3 s a flush. Tables a test has written a few rows to
    are emptied in 20 ms by DELETE, run with triggers off (`session_replication_role = replica`,
    as TRUNCATE fires no row trigger: no history rows, no outbox rows, no foreign-key checks), and
    the data version moved as TRUNCATE's statement triggers move it, so nothing cached before the
    flush is served after it. The same tables end empty; sequences are not reset (nor are they by
    Django's TRUNCATE unless asked, when this gives way to it), and post_migrate runs after it as
    before. Needs a superuser (the embedded server's); with a DATABASE_URL of a role that is not
    one, the TRUNCATE stays."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables or not _superuser(self.connection):
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        statements = ["SET LOCAL session_replication_role = replica"]
        statements += [
            f"DELETE FROM {self.quote_name(table)}" for table in tables if table not in KEPT_BY_FLUSH
        ]
        statements.append("SET LOCAL session_replication_role TO DEFAULT")
        if "archive_dataversion" in self.connection.introspection.table_names():
            statements.append("UPDATE archive_dataversion SET version = version + 1 WHERE id = 1")
        return statements

    DatabaseOperations.sql_flush = sql_flush


def _superuser(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


@pytest.fixture(scope="module")
def private_server_dir():
    """A folder for a PostgreSQL server of a module's own, outside pytest's temporary folders: the server
    runs as another user, and any pytest starting on the machine closes /tmp/pytest-of-<user> to others
    again (mode 0700), after which that server could not be restarted. In memory where the machine
    has a tmpfs, as the search index is (search_index_dir): initdb, a restored archive and each stop
    wait for the disk's fsyncs there, and deleting the folder's thousand files took 3.8 s on a
    busy disk; nothing about the server's files is under test."""
    memory = Path("/dev/shm")
    in_memory = memory.is_dir() and os.access(memory, os.W_OK)
    folder = Path(tempfile.mkdtemp(prefix="archive-test-server-", dir=memory if in_memory else None))
    # Registered before the server's own clean-up, so run after it at exit (a server left up stops then).
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder / "pgdata"


def pytest_collection_modifyitems(items):
    """Browser tests (the `chromium` fixture or `browser` marker) are slow: `make test-fast` skips them.

    The order files are handed out in under xdist:
    1. Files with no test that needs the database: on a fresh clone the workers collect before the
       test databases' template is migrated (about 3 s more), and these run meanwhile; the first
       test to need the database used to wait for it, and a core sat idle.
    2. Files with slow tests, so that the longest start early instead of finishing last: the
       browser tests, then the fault tests and the others that wait on processes they start.
    3. The rest.
    4. The benchmark's smoke test: under xdist its run (30 s, a third of it waiting on paced wrk
       runs) was started by the controller in the background once collected
       (tests/bench_smoke.py), and the test checks what it wrote; it used to be handed out first,
       and its worker waited for it.
    (This runs after pytest-django's ordering, transactional tests last, and keeps it within each
    file only: a transactional test's flush is harmless to the tests after it, see
    _curators_group_after_a_flush.)"""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    database_files = {item.path for item in items if _needs_the_database(item)}

    def rank(item):
        if item.path.name == LAST_FILE:
            return 4
        if item.path not in database_files:
            return 0
        if item.path.name in AFTER_THE_BROWSER_TESTS:
            return 2
        return 1 if item.path in slow_files else 3

    items.sort(key=rank)


def _needs_the_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "django_db_setup" in getattr(
        item, "fixturenames", ()
    )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under `--dist loadfile` (`make test`), the browser test files (`*browser.py`) are one unit of
    work, run by one worker, in collection order: handed out a file at a time, both workers ran some,
    and each launched its own Chromium and Playwright driver and made its own page (about 2 CPU-s).
    Every other file is a unit of its own, as before."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserFilesTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            scope = super()._split_scope(nodeid)
            return "the browser tests" if scope.endswith("browser.py") else scope

    return BrowserFilesTogether(config, log)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each worker's test database a copy of one migrated template (tests/db_template.py), not
    migrated again from nothing."""
    from django.conf import settings

    from tests.db_template import migrated_template

    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["TEMPLATE"] = migrated_template(database)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's, with any other session still on the test database ended before it drops
    it. Sessions were often still there at the end: idle, their last statements a search page's
    (the live server's request threads, which keep a connection for CONN_MAX_AGE while the browser
    keeps its connection to them open). PostgreSQL's DROP DATABASE then waited 5 s for them to go,
    failed with a warning, and left the database behind. What was ended is written down in
    test-artifacts/sessions-left-on-test-databases.txt."""
    yield
    with django_db_blocker.unblock():
        _end_the_other_sessions_on_the_test_database()


def _end_the_other_sessions_on_the_test_database():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid), application_name, backend_start, state, left(query, 200) "
            "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        )
        ended = cursor.fetchall()
    connection.close()
    if ended:
        ARTIFACTS.mkdir(exist_ok=True)
        with (ARTIFACTS / "sessions-left-on-test-databases.txt").open("a") as notes:
            notes.write(f"Sessions still on the test database at the end, ended: {ended}\n")


@pytest.fixture(scope="session")
def database_name():
    """A name for a database a test makes beside its test database, unique to this xdist worker
    (`make test` runs several on one server): database_name("restore_check") -> "restore_check_gw0"."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return lambda base: f"{base}_{worker}" if worker else base


@pytest.fixture(scope="session")
def search_index_dir(tmp_path_factory):
    """The same Tantivy index, in memory where the machine has a tmpfs: each test commits to it once
    or twice (emptied, then filled from the outbox), and a commit that waits for the disk's fsyncs
    takes four times as long (75 ms against 17 here)."""
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        yield tmp_path_factory.mktemp("search-index")
        return
    folder = Path(tempfile.mkdtemp(prefix="archive-test-index-", dir=memory))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _search_index(settings, search_index_dir):
    """A small index of the test's own rows, brought up to date from the outbox before each search.

    Emptied when a test starts: the rows a test made are rolled back after it, and the outbox
    rows of everything committed are still queued (a test's own applying of them was rolled
    back too), so the next search indexes exactly what the database holds. Nor is it marked as
    rebuilt (a test's `rebuild_search_index` marks it so), as an index of the test's own is not."""
    settings.SEARCH_INDEX_DIR = search_index_dir
    settings.SEARCH_INDEX_SYNCHRONOUS = True
    from archive.search.cache import forget_all
    from archive.search.indexer import get_backend
    from archive.search.tantivy_backend import BUILT_FILE

    # Kept per data version, which a rolled-back test may leave where the next test starts.
    forget_all()
    backend = get_backend()
    if backend.num_docs():
        backend.clear()
    (backend.path / BUILT_FILE).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def collected_static_root(tmp_path_factory):
    """The project's static files as `collectstatic` collects them with the project's storage, made
    once a run for every worker (tests/collected_static.py): gunicorn serves them (test_serving,
    test_faults)."""
    from tests.collected_static import collected_static_root, run_folder

    return collected_static_root(run_folder(tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="session")
def _uncollected_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static-root-never-collected")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, _uncollected_static_root):
    """Tests render templates without running collectstatic (gunicorn tests use the real storage).

    And STATIC_ROOT is an empty folder, as on a fresh clone: WhiteNoise reads every file there each
    time a test client makes its handler, which took 60 ms a client once the benchmark smoke run
    had collected the project's staticfiles/ (and made the tests depend on whether it had)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = _uncollected_static_root


@pytest.fixture
def curator(django_user_model):
    from django.contrib.auth.models import Group

    from archive.services.curators import CURATORS_GROUP

    user = django_user_model.objects.create_user("curator", password="not-a-real-password-42", is_staff=True)
    user.groups.add(Group.objects.get(name=CURATORS_GROUP))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; skipped (with the reason) where it is absent.

    Its headless shell where installed (Debian's chromium-headless-shell: the same Chromium, engine
    and version, without the desktop browser around it; what Playwright itself runs headless by
    default). Full Chromium in headless mode took about three times the CPU for the same pages."""
    path = shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        reason = "Debian's chromium is not installed (apt-get install chromium); browser test skipped"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason.replace("skipped", "required here (REQUIRE_BROWSER is set)"))
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM
    # calls from such a thread unless told the calls are synchronous on purpose.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# What Playwright gives a page made without a viewport.
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}


@pytest.fixture(scope="session")
def _session_page(chromium):
    context = chromium.new_context(viewport=DEFAULT_VIEWPORT)
    yield context.new_page()
    context.close()


@pytest.fixture
def shared_page(_session_page):
    """A page for a test that needs nothing of a context of its own (JavaScript off, a context's
    options): the one page of the session's browser, which each test sizes and navigates. A new page
    cost two new renderer processes, about 0.35 CPU-s (about:blank's, then the site's, as its Cross-
    Origin-Opener-Policy starts a new browsing context group); a navigation of a page already open,
    about 0.2. Each test gets it as a new page would be: default size, no cookies, no permissions
    granted, the pointer off the page (no element left hovered); a test's own navigation replaces
    the last test's document. A test that grants permissions grants them to `shared_page.context`;
    one that adds listeners or init scripts removes them when done (`test_reuse_browser.py`)."""
    page = _session_page
    page.context.clear_cookies()
    page.context.clear_permissions()
    if page.viewport_size != DEFAULT_VIEWPORT:
        page.set_viewport_size(DEFAULT_VIEWPORT)
    page.mouse.move(-1, -1)
    return page


class SharedRows:
    """What `shared_rows` knows of a module's rows: the search outbox and data version as made."""

    outbox: list | None = None
    version: int | None = None


@pytest.fixture(scope="module")
def shared_rows(django_db_setup, django_db_blocker):
    """For a module whose tests only read rows another thread or process must see (the live
    server, pg_dump): the rows, made by a module fixture that asks for this one, are committed once
    and shared; the database is emptied once after the module's last test (Django's flush, which
    pytest-django runs after every transactional test). Rows and flush were about a second a test.
    The tests are marked plain `django_db`: what they write themselves is rolled back. `live_site`
    makes each live-server test start as if the rows were its own."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        yield SharedRows()
        # Sequences kept, as after a transactional test's flush: the quick flush (_flush_by_delete),
        # not the TRUNCATE that resetting them needs (0.2 to 0.3 s).
        call_command("flush", verbosity=0, interactive=False, reset_sequences=False)


def _committed_at_once(work):
    """Runs `work` on a connection of its own (a thread's), outside the test's transaction, which
    the live server's threads cannot see."""
    from django.db import connections

    failures = []

    def run():
        try:
            work()
        except BaseException as error:  # noqa: BLE001 (raised again in the test's thread)
            failures.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


@pytest.fixture(scope="session")
def _shared_live_server():
    # pytest-django's `live_server` makes every test that asks for it transactional, flushed after
    # it; this is the same server for tests on shared rows.
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    yield server
    server.stop()


@pytest.fixture
def live_site(shared_rows, _shared_live_server, _search_index):
    """The live server for a test on `shared_rows`, each test starting from the state a test of its
    own rows would: nothing cached, an empty search index (`_search_index`) and every row queued
    for it. Fails a test that changed the shared rows through the server (an article, comment,
    mention, person or taxonomy row: the data version moved), as the next would not start from them."""
    from django.core.cache import caches

    from archive.models import SearchOutbox
    from archive.search.cache import data_version

    def reset():
        if shared_rows.outbox is None:  # the first test: nothing has been searched yet
            shared_rows.outbox = list(SearchOutbox.objects.order_by("id").values_list("kind", "object_id"))
            shared_rows.version = data_version()
        else:
            SearchOutbox.objects.all().delete()
            SearchOutbox.objects.bulk_create(
                SearchOutbox(kind=kind, object_id=object_id) for kind, object_id in shared_rows.outbox
            )
        for cache in caches.all():
            cache.clear()

    _committed_at_once(reset)
    _shared_live_server._live_server_modified_settings.enable()
    yield _shared_live_server
    _shared_live_server._live_server_modified_settings.disable()
    committed = []  # (read on a connection of its own: what the test wrote itself is rolled back)
    _committed_at_once(lambda: committed.append(data_version()))
    assert committed == [shared_rows.version], "a test on shared rows changed them"


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's rules (package.json; `make test` installs them with npm), to run in a page."""
    if not AXE.exists():
        reason = "axe-core is not installed (make test installs it with npm); accessibility check skipped"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(reason.replace("skipped", "required here (REQUIRE_BROWSER is set)"))
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, source: str) -> list[dict]:
    """axe's WCAG 2.x A and AA violations on the page as it is now. Evaluated through the
    browser's debugging protocol, which the page's strict CSP does not govern."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(source)
    # resultTypes: every violation in full, the passing and inapplicable checks' results (unused
    # here) cut to one node each, which axe documents as its way to run faster on big pages.
    result = page.evaluate(
        """() => axe.run(document, {resultTypes: ["violations"], runOnly: {type: "tag", values:
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture(scope="module")
def reuse_archive_rows(django_db_setup, django_db_blocker):
    """tests/reuse_data.py's invented archive, made once for a module (made_once_for_the_module)."""
    from tests.reuse_data import make_reuse_archive

    with made_once_for_the_module(django_db_blocker, make_reuse_archive) as rows:
        yield rows


@contextlib.contextmanager
def made_once_for_the_module(django_db_blocker, make):
    """What make() answers, its rows made once for a module's tests in a transaction rolled back
    after them: each test rolls back to its own savepoint inside, so each starts from exactly these
    rows (for a module fixture; the tests read their own objects again)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        made = make()
        with django_db_blocker.block():
            yield made
        transaction.set_rollback(True)


@pytest.fixture
def reuse_archive(reuse_archive_rows, db):
    """The rows as each test's own objects, read again, so that a change a test makes to one in
    memory is not seen by the next test; each read when the test first asks for it (a test uses
    one or two of the fourteen, and reading all of them was 14 queries, 36 ms, a test)."""
    return _ReadOnFirstUse(reuse_archive_rows)


class _ReadOnFirstUse(Mapping):
    """A mapping of names to rows, each read again from the database the first time it is looked up."""

    def __init__(self, rows: dict):
        self._rows = rows
        self._read = {}

    def __getitem__(self, name):
        if name not in self._read:
            row = self._rows[name]
            self._read[name] = type(row).objects.get(pk=row.pk)
        return self._read[name]

    def __iter__(self):
        return iter(self._rows)

    def __len__(self):
        return len(self._rows)


@pytest.fixture
def kept_search_index(settings, search_index_dir, db):
    """`_search_index` for a module whose tests all start from rows indexed once by
    ``index_module_rows`` (tests/kept_index.py; the module overrides `_search_index` with a
    fixture asking for this one). Emptying the index and filling it from the outbox again was
    about 70 ms a test on the seed, and forgetting what is kept per data version (the glossary,
    the names a search shows) 35 ms more: a test that only reads sees the same data version key
    as the one before it, and one that writes gets keys of its own (archive/search/cache.py). A
    test that wrote to the index (its own rows, rolled back after it) leaves it changed, and the
    next test then finds the index made again from the module's rows."""
    from tests.kept_index import index_as_the_module_left_it

    settings.SEARCH_INDEX_DIR = search_index_dir
    settings.SEARCH_INDEX_SYNCHRONOUS = True
    index_as_the_module_left_it(search_index_dir)


@pytest.fixture(scope="module")
def reuse_archive_indexed(reuse_archive_rows, search_index_dir, django_db_blocker):
    """`reuse_archive_rows` indexed once, inside the module's transaction (``index_module_rows``)."""
    from tests.kept_index import index_module_rows

    with django_db_blocker.unblock():
        index_module_rows(search_index_dir)
    return reuse_archive_rows
