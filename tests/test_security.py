"""Production settings, security headers, the admin's brute-force lock and the 503 page."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError, connection
from django.test import Client

import pytest

from archive.dburl import url_for
from tests.factories import make_article

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def python(*args, **env):
    # Not DJANGO_ALLOW_ASYNC_UNSAFE either: the chromium fixture sets it in a worker that may run this after.
    unset = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    environment.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True)


# One start of Python and Django for two checks of the settings a server runs with (each start costs
# about 1.3 CPU-s): the app loaded as gunicorn loads it (config/wsgi.py, which gives web requests
# their statement timeout) and a connection asked for its timeout; then `manage.py check --deploy`
# run in the same process, on the same production settings, as `python manage.py ...` runs it, with
# the checks of the database too (as `migrate` runs them; the test databases' template is migrated
# without them, tests/db_template.py).
SERVED_THEN_CHECKED = """
import runpy, sys
import config.wsgi
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print("statement_timeout", cursor.fetchone()[0], flush=True)
connection.close()
sys.argv = ["manage.py", "check", "--deploy", "--database", "default", "--fail-level", "WARNING"]
runpy.run_path("manage.py", run_name="__main__")
"""


@pytest.fixture(scope="module")
def served_then_checked(django_db_setup):
    return python(
        "-c",
        SERVED_THEN_CHECKED,
        DATABASE_URL=url_for(connection.settings_dict),
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        WEB_STATEMENT_TIMEOUT_MS="7000",
    )


def test_check_deploy_is_clean_with_production_settings(served_then_checked):
    result = served_then_checked
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_missing_secret_key_stops_start_up_clearly():
    result = python("manage.py", "check", DATABASE_URL=url_for(connection.settings_dict), DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_security_headers(client):
    make_article(slug="headers")
    response = client.get("/articles/headers/")
    policy = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
    ]:
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_https_settings_on_a_server(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    assert client.get("/").status_code == 301
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_has_inline_script_or_style():
    for template in (ROOT / "templates").rglob("*.html"):
        html = template.read_text()
        assert "<style" not in html and "style=" not in html, template
        assert "<script>" not in html and "onclick=" not in html and "javascript:" not in html, template


def test_admin_login_locks_out_after_five_failures(django_user_model):
    django_user_model.objects.create_user("curator", password="the-right-password-93", is_staff=True)
    browser = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [
        browser.post("/admin/login/", {"username": "curator", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    locked = browser.post("/admin/login/", {"username": "curator", "password": "the-right-password-93"})
    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    # The lock is for this name from every address (issue 17: guessing from many addresses)...
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    response = elsewhere.post("/admin/login/", {"username": "curator", "password": "the-right-password-93"})
    assert response.status_code == 429


def test_one_address_guessing_many_usernames_is_locked_out(django_user_model):
    django_user_model.objects.create_user("curator", password="the-right-password-93", is_staff=True)
    guesser = Client(REMOTE_ADDR="198.51.100.8")
    statuses = [
        guesser.post("/admin/login/", {"username": f"user{number}", "password": "wrong"}).status_code
        for number in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # five usernames, one failure each
    # ... and every name from that address is locked, the real one too; other addresses are not.
    right = {"username": "curator", "password": "the-right-password-93"}
    assert guesser.post("/admin/login/", right).status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.10").post("/admin/login/", right).status_code == 302


def test_a_lost_database_gives_a_clean_503(client, monkeypatch):
    from archive.views import pages

    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server failed: the database system is shutting down")

    monkeypatch.setattr(pages.HomeView, "get_context_data", unreachable)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    html = response.content.decode()
    assert "not answering just now" in html and "Traceback" not in html and "OperationalError" not in html


def test_other_errors_are_a_plain_500(client, monkeypatch):
    from archive.views import pages

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pages.HomeView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()
    assert "a bug" not in response.content.decode()


def test_web_requests_get_a_statement_timeout(served_then_checked):
    result = served_then_checked
    assert result.stdout.startswith("statement_timeout 7s\n"), result.stdout + result.stderr
