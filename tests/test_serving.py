"""gunicorn serving the app, whitenoise serving compressed, hashed assets, and the workers letting go
of the search index's pages, for real."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

import psutil
import pytest

from archive.dburl import url_for
from dev.bench.measure import free_port
from tests.factories import make_article
from tests.test_mapped_pages import resident_kb_of

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """A URL for the test database, which the gunicorn process must use."""
    return url_for(connection.settings_dict)


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def gunicorn(tmp_path, collected_static_root):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "test-only-" + "k" * 50,
        "STATIC_ROOT": str(collected_static_root),  # the project's storage (WhiteNoise's manifest)
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; HTTPS is the proxy's job
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),  # not the working copy's own
        # Any file page is past this: each worker lets go of the index's pages after every request.
        "SEARCH_INDEX_MAPPED_LIMIT_MB": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(base + "/robots-not-there")
            break
        except OSError:
            time.sleep(0.1)
    yield base, collected_static_root, server
    server.terminate()
    # A graceful stop: the workers finish and exit, then gunicorn.conf.py's on_exit gives the indexer
    # up to 10 s of its own. 3 to 6 s on a busy machine (load 7), and once past the 10 s this waited.
    output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output, output


def test_gunicorn_serves_pages_whitenoise_serves_assets_and_workers_let_go_of_index_pages(gunicorn, tmp_path):
    base, static_root, server = gunicorn
    make_article("Served through gunicorn", slug="served")

    status, _, body = fetch(base + "/")
    assert status == 200 and b"Served through gunicorn" in body
    status, _, body = fetch(base + "/articles/served/")
    assert status == 200
    status, _, body = fetch(base + "/articles/not-there/")
    assert status == 404 and b"Page not found" in body  # DEBUG is off: our page, no traceback

    html = fetch(base + "/")[2].decode()
    css_path = html.split('rel="stylesheet" href="')[1].split('"')[0]
    assert css_path.startswith("/static/css/archive.") and css_path != "/static/css/archive.css"
    status, headers, body = fetch(base + css_path, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers.get("Cache-Control", "")
    assert (static_root / css_path.removeprefix("/static/")).exists()

    # gunicorn.conf.py's post_request hook (archive.search.mapped_pages): with a limit of 1 MB, a
    # worker that has just answered a search maps the index's files but holds none of their pages.
    make_article("Mapped pages let go", slug="mapped", body="The partners discussed the global sum.")
    for _ in range(100):  # the indexer beside the workers applies the outbox within seconds
        status, _, body = fetch(base + "/search/?q=partners+global+sum")
        if b"Mapped pages let go" in body:
            break
        time.sleep(0.1)
    assert status == 200 and b"Mapped pages let go" in body

    children = psutil.Process(server.pid).children()
    workers = [child for child in children if "gunicorn" in " ".join(child.cmdline())]
    assert len(workers) == 2
    # Tantivy's reader reloads on a thread of its own soon after the indexer's commit and may map
    # a segment's footer back in after the request let go: searched again, nothing is held.
    for _ in range(30):
        held = [resident_kb_of(tmp_path / "search-index", worker.pid) for worker in workers]
        if all(resident == 0 for _, resident in held):
            break
        time.sleep(0.2)
        fetch(base + "/search/?q=partners+global+sum")
    assert any(mappings for mappings, _ in held), held  # the searching worker mapped the index
    assert all(resident == 0 for _, resident in held), held
