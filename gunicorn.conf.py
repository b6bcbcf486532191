"""gunicorn settings for `make run` and the Docker image. Environment: HOST, PORT, WEB_CONCURRENCY,
SEARCH_INDEXER (0: do not start the search indexer here, because another process runs it)."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from archive import embedded_db

# Without DATABASE_URL, the embedded PostgreSQL is started here, in the master, before the app is
# loaded and the workers are forked: one process holds it (and stops it when gunicorn exits), not
# every worker. Settings only name it (archive/embedded_db.py).
embedded_db.start_unless_configured()

host = os.environ.get("HOST", "127.0.0.1")
port = int(os.environ.get("PORT", "8000"))

bind = f"{host}:{port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
# Load the app once in the master: the workers are forked with Django already imported.
preload_app = True
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
# Forwarded headers are judged in one place, the app (archive/clients.py, TRUSTED_PROXIES):
# gunicorn's own defaults would take X-Forwarded-Proto from any local connection.
forwarded_allow_ips = ""
secure_scheme_headers = {}
accesslog = "-"
errorlog = "-"
# No control socket (gunicorn 25 and later): nothing here uses gunicornc, its default path is one for
# every gunicorn the user runs, and stopping its server added two seconds to every shutdown.
control_socket_disable = True


def when_ready(server):
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    server.log.info("The GP Contract Archive is serving at http://%s:%s/ (Ctrl-C stops it)", shown_host, port)
    print(f"\n    GP Contract Archive: http://{shown_host}:{port}/\n", flush=True)

    _start_search_indexer(server)


# The search indexer (manage.py run_search_indexer) runs beside the workers as a child of the
# master: it keeps this machine's index in step with the database's outbox, builds the index
# if there is none, and is started again if it ever exits. Only one indexer writes at a time
# (a PostgreSQL advisory lock), so a second machine's or a stray one only waits its turn.
_indexer = {"process": None, "stopping": False}


def _start_search_indexer(server):
    if os.environ.get("SEARCH_INDEXER", "1") == "0":
        return

    def spawn():
        command = [sys.executable, str(Path(__file__).resolve().parent / "manage.py"), "run_search_indexer"]
        _indexer["process"] = subprocess.Popen(command)
        server.log.info("Search indexer started (pid %s)", _indexer["process"].pid)

    def watch():
        while not _indexer["stopping"]:
            process = _indexer["process"]
            if process is not None and process.poll() is not None and not _indexer["stopping"]:
                server.log.warning("Search indexer exited (%s); starting it again", process.returncode)
                time.sleep(1)
                spawn()
            time.sleep(2)

    spawn()
    threading.Thread(target=watch, name="search-indexer-watch", daemon=True).start()


# Each worker lets go of the search index's pages it has mapped once they pass a limit, so that
# its resident memory is what it owns rather than a growing share of the page cache
# (archive/search/mapped_pages.py). Made after the fork: one per worker.
_mapped_pages = {"limit": None}


def post_fork(server, worker):
    from django.conf import settings

    from archive.search.mapped_pages import MappedPagesLimit

    limit_mb = settings.SEARCH_INDEX_MAPPED_LIMIT_MB
    _mapped_pages["limit"] = MappedPagesLimit(settings.SEARCH_INDEX_DIR, limit_mb)


def post_request(worker, req, environ, resp):
    limit = _mapped_pages["limit"]
    if limit is not None:
        limit.after_request()


def on_exit(server):
    _indexer["stopping"] = True
    process = _indexer["process"]
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
