"""The project's configuration: settings read from the environment, and reading them starts nothing
(the embedded PostgreSQL is started by manage.py, gunicorn.conf.py and the tests' set-up)."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
# One start of Python and Django for both tests below (each start costs about 1.3 CPU-s): the
# settings read, the database they name printed, and whether the server's folder exists by then;
# then manage.py run as `python manage.py check` runs it.
READ_SETTINGS_THEN_CHECK = """
import os, runpy, sys
import django
django.setup()
from django.conf import settings
database = settings.DATABASES["default"]
print(database["NAME"], database["OPTIONS"]["host"], os.path.exists(os.environ["ARCHIVE_PGDATA"]), flush=True)
sys.argv = ["manage.py", "check"]
runpy.run_path("manage.py", run_name="__main__")
"""


def without_a_database(data_dir: Path) -> dict[str, str]:
    """The environment of a laptop with no DATABASE_URL, its embedded server's folder a fresh one."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return environment | {"ARCHIVE_PGDATA": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings"}


def servers_in(data_dir: Path) -> list[psutil.Process]:
    return [
        process
        for process in psutil.process_iter(["name", "cmdline"])
        if process.info["name"] == "postgres" and str(data_dir) in " ".join(process.info["cmdline"] or ())
    ]


@pytest.fixture(scope="module")
def settings_read_then_checked(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("laptop") / "pgdata"
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS_THEN_CHECK],
        cwd=ROOT,
        env=without_a_database(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return data_dir, result


def test_reading_the_settings_starts_no_database(settings_read_then_checked):
    data_dir, result = settings_read_then_checked
    assert result.returncode == 0, result.stdout + result.stderr
    # Named (the socket in its folder), and neither initdb nor a start by the time they were read.
    assert result.stdout.splitlines()[0].split() == ["archive", str(data_dir), "False"]
    assert not data_dir.exists()  # nor later: no postmaster.pid
    assert servers_in(data_dir) == []


def test_manage_py_check_starts_no_database(settings_read_then_checked):
    data_dir, result = settings_read_then_checked
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert not data_dir.exists()


def read_settings(monkeypatch, **variables) -> dict:
    """config/settings.py run afresh with these environment variables (and no others of its own)."""
    for name in (
        "DEBUG",
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "TRUSTED_PROXIES",
        "SECURE_SSL_REDIRECT",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "config" / "settings.py"))


def test_the_environment_is_read_as_it_always_was(monkeypatch):
    server = read_settings(
        monkeypatch,
        DATABASE_URL="postgres://archive:pa$$word@db:5432/archive",
        SECRET_KEY="$not-a-reference-to-another-variable",
        DEBUG="",  # empty: the default
        SECURE_SSL_REDIRECT="",
        ALLOWED_HOSTS=" archive.example.org, www.archive.example.org ,",
        TRUSTED_PROXIES="172.31.240.0/24, ",
    )
    assert server["DEBUG"] is False and server["SECURE_SSL_REDIRECT"] is True  # a server: HTTPS only
    assert server["SECRET_KEY"] == "$not-a-reference-to-another-variable"
    assert server["DATABASES"]["default"]["PASSWORD"] == "pa$$word"
    assert server["ALLOWED_HOSTS"] == ["archive.example.org", "www.archive.example.org"]
    assert server["TRUSTED_PROXIES"] == ["172.31.240.0/24"]

    laptop = read_settings(monkeypatch, DEBUG="yes")
    assert laptop["DEBUG"] is True and laptop["SECURE_SSL_REDIRECT"] is False
    assert laptop["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert laptop["SECRET_KEY"]  # the laptop's own, kept in .run/
    assert laptop["DATABASES"]["default"]["NAME"] == "archive"
