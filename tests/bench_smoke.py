"""The benchmark's smoke run (tests/test_bench.py), and how `make test` runs it beside the other tests.

The smoke run is one `manage.py bench` over a tiny corpus: about 30 s, nearly all of it in the
processes it starts (`bench_run`, gunicorn, wrk), much of it waiting on nine paced wrk runs (a
scenario's two seconds, a mix's one). The xdist worker that ran it did nothing else all that
time. Under xdist the controller, which runs no test, starts it instead (`BackgroundRun`), in a
process of its own, once a
worker has collected the test and the test databases' template is made; the test is handed out
last (tests/conftest.py) and checks what the run wrote, waiting for it if it has not finished.
Run without xdist, the test runs it itself, as before.

Run as `python -m tests.bench_smoke DOCS_DIR TEMPLATE NAME` (what the controller starts): one run,
its figures written to DOCS_DIR.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_ID = "tests/test_bench.py::test_a_tiny_benchmark_run_measures_every_scenario"
DATABASE = "archive_bench_120_600"  # what `make bench --articles 120 --comments 600` would name it
# Set by the controller for its workers: the folder the background run writes to.
FOLDER_VARIABLE = "ARCHIVE_TEST_BENCH_SMOKE_DIR"
EXIT_FILE = "exit-status"  # written when the run has ended: its exit status
LOG_FILE = "output.log"
WAIT_AT_MOST = 15 * 60  # seconds a test waits for the background run

# wrk's pause after each response in the smoke run's HTTP runs (`bench --wrk-pause-ms`): at full
# speed one gunicorn worker and wrk kept a core busy for all nine wrk-seconds.
PAUSE_MS = 100
VARIED = 24


def http_seconds() -> int:
    """Each scenario's wrk run: two seconds. The admin's changelist (scenario g) takes about
    0.25 CPU-s a request, and with the run beside both workers' tests a request could take longer
    than a one-second window (none answered in it: rps 0). 0 without wrk: `make bench` installs
    it; here HTTP is optional."""
    return 2 if shutil.which("wrk") else 0


def run(docs_dir: Path, template: str, name: str) -> None:
    """One smoke run in a new database `name`, a copy of the migrated `template`, dropped after."""
    from django.core.management import call_command
    from django.db import connection

    import psycopg

    from archive.dburl import url_for

    admin_url = url_for(connection.settings_dict, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # A copy of the test databases' migrated template (tests/db_template.py): the harness's own
        # `migrate` then finds nothing to apply, as in a benchmark database made before.
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        seconds = http_seconds()
        mix_seconds = 1 if seconds else 0  # the mixes' paths are the quick pages
        call_command(
            "bench",
            articles=120,
            comments=600,
            # Smaller than `make bench` in every dimension, but complete: each scenario, the varied
            # searches and (with wrk) every HTTP run still measured, by one round of two requests,
            # one warm request per search, one untimed request before each scenario's (three in
            # `make bench`), and one gunicorn for all the HTTP runs, a second or two each.
            runs=2,
            rounds=1,
            warm_runs=1,
            warm_ups=1,
            varied=VARIED,
            http_seconds=seconds,
            mix_seconds=mix_seconds,
            one_server=True,
            max_connections=1,  # wrk and gunicorn on one core, not both: the tests beside it go on
            # and that one connection paced: every HTTP run still answers, without a core kept busy.
            wrk_pause_ms=PAUSE_MS,
            workers=1,  # one gunicorn worker for that connection: a second warmed up every page again
            docs_dir=docs_dir,
            database_url=url_for(connection.settings_dict, name),
        )
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class BackgroundRun:
    """The controller's side: one run in a process of its own, started when asked, stopped at the
    end of the session if it is still going (a session ended early, before the test)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="archive-bench-smoke-"))
        self._started = False
        self._process = None
        self._lock = threading.Lock()

    def start(self, wait_for_the_database) -> None:
        """Start the run (once) in a thread that first waits for the server and the template."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._run, args=(wait_for_the_database,), daemon=True).start()

    def _run(self, wait_for_the_database) -> None:
        status = "1"
        try:
            template, environment = wait_for_the_database()
            with (self.folder / LOG_FILE).open("wb") as log, self._lock:
                self._process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "tests.bench_smoke",
                        str(self.folder),
                        template,
                        f"{DATABASE}_smoke",
                    ],
                    cwd=ROOT,
                    env=environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group: stopped with its children
                )
            status = str(self._process.wait())
        except Exception as error:  # the test reports it
            (self.folder / LOG_FILE).write_text(f"The smoke run could not start: {error!r}")
        finally:
            (self.folder / EXIT_FILE).write_text(status)

    def stop(self) -> None:
        """Interrupted (KeyboardInterrupt: its database is still dropped) if it is still running."""
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # to bench_run, gunicorn and wrk too
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(self.folder, ignore_errors=True)


def figures_from_the_background() -> Path | None:
    """The folder the controller's run wrote its figures to, once it has ended, or None when no run
    was started for this worker (no xdist: the test runs it itself)."""
    folder = os.environ.get(FOLDER_VARIABLE)
    if not folder:
        return None
    folder, waited = Path(folder), 0.0
    while not (folder / EXIT_FILE).exists():
        if waited > WAIT_AT_MOST:
            raise AssertionError(f"The background smoke run did not end within {WAIT_AT_MOST} s.")
        time.sleep(0.25)
        waited += 0.25
    status = (folder / EXIT_FILE).read_text()
    if status != "0":
        log = (folder / LOG_FILE).read_text(errors="replace")
        raise AssertionError(f"The smoke run failed (exit status {status}):\n{log[-5000:]}")
    return folder


if __name__ == "__main__":
    import django

    django.setup()
    run(Path(sys.argv[1]), template=sys.argv[2], name=sys.argv[3])
