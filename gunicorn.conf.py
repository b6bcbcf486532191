"""gunicorn settings for `make run` and the Docker image. Environment: HOST, PORT, WEB_CONCURRENCY."""

import os

host = os.environ.get("HOST", "127.0.0.1")
port = int(os.environ.get("PORT", "8000"))

bind = f"{host}:{port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
# Load the app once in the master, so that without DATABASE_URL the embedded
# PostgreSQL is started (and later stopped) by one process, not by every worker.
preload_app = True
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
# Forwarded headers are judged in one place, the app (archive/clients.py, TRUSTED_PROXIES):
# gunicorn's own defaults would take X-Forwarded-Proto from any local connection.
forwarded_allow_ips = ""
secure_scheme_headers = {}
accesslog = "-"
errorlog = "-"


def when_ready(server):
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    server.log.info("The GP Contract Archive is serving at http://%s:%s/ (Ctrl-C stops it)", shown_host, port)
    print(f"\n    GP Contract Archive: http://{shown_host}:{port}/\n", flush=True)
