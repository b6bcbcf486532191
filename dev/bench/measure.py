"""Timing a scenario: in-process (Django's test client), as bare SQL, and over HTTP with wrk."""

import functools
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.client import ClientHandler
from django.test.utils import CaptureQueriesContext

import psycopg

from archive.dburl import url_for

# wrk script that cycles through several paths, one request each in turn.
WRK_CYCLE = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""

WRK_REPORT = """
request = function() return wrk.format("GET", "%(path)s", {%(headers)s}) end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  local shape = '{"p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, '
    .. '"requests": %%d, "seconds": %%.3f, "errors": %%d}\\n'
  io.write(string.format(shape,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6, errors))
end
"""


# wrk's hook for a pause (ms) after each response before a connection's next request.
WRK_PAUSE = """
delay = function() return %d end
"""


def _with_pause(script: str, pause_ms: int) -> str:
    return script + (WRK_PAUSE % pause_ms if pause_ms else "")


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)

    def at(fraction):
        return round(ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))], 2)

    return {
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "rps": round(1000 / statistics.mean(ordered), 1),
        "runs": len(ordered),
    }


@functools.cache
def _handler() -> ClientHandler:
    return ClientHandler(enforce_csrf_checks=False)


def new_client() -> Client:
    """A test client (cookies and log-in of its own) on the run's one request handler: each new
    handler loads the middleware again on its first request, whitenoise's reading every static
    file's details, about 0.07 CPU-s a client (a run made fifteen). Nothing timed changes: the
    timed requests come after the warm-ups, and no middleware keeps a setting the runs override."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.handler = _handler()
    return client


ROUNDS = 3  # the machine is noisy: each figure is the median of three rounds of `runs` requests


WARM_UPS = 3  # requests before any is timed (each must answer 200)


def in_process(
    url: str, runs: int, user=None, rounds: int = ROUNDS, warm_ups: int = WARM_UPS
) -> tuple[dict, list[str]]:
    """Timings of `rounds` rounds of `runs` requests (after `warm_ups` requests): each percentile is
    the median of the rounds' values. And the SQL one request runs."""
    client = new_client()
    if user is not None:
        client.force_login(user)
    for _ in range(warm_ups):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read now: the next request's request_started signal empties the query log.
    statements = [query["sql"] for query in queries.captured_queries]
    figures = []
    for _ in range(rounds):
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
        figures.append(percentiles(samples))
    return median_of(figures), statements


def median_of(rounds: list[dict]) -> dict:
    """Each figure's median over the rounds."""
    return {key: statistics.median(figures[key] for figures in rounds) for key in rounds[0]}


def bare_sql(statements: list[str], runs: int) -> dict:
    """The same SQL replayed straight through psycopg, no Django: the floor for the page.

    Django's client-side binding logs each statement with its values in place,
    so the statements run as they are, in one transaction per run. (A search's own
    work is in the search index, which this does not time.)
    """
    with psycopg.connect(url_for(connection.settings_dict)) as raw:
        samples = []
        for index in range(runs + 2):
            start = time.perf_counter()
            for statement in statements:
                cursor = raw.execute(statement)
                if cursor.description:
                    cursor.fetchall()
            raw.rollback()
            if index >= 2:  # the first two runs warm the caches
                samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def _answers(port: int, path: str, cookie: str = "") -> bool:
    """Whether a server on this port answers a GET of ``path`` with any HTTP response (as `curl -s`
    did; asked in this process: a curl started every 0.2 s while gunicorn starts cost more CPU)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        connection.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn with 2 workers on loopback, for the HTTP measurements."""

    def __init__(self, workers: int = 2):
        self.port = free_port()
        env = dict(
            os.environ,
            HOST="127.0.0.1",
            PORT=str(self.port),
            WEB_CONCURRENCY=str(workers),
            GUNICORN_PIDFILE="",
            SECURE_SSL_REDIRECT="0",
            SEARCH_INDEXER="0",  # nothing changes during a benchmark; its memory is not a worker's
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "config.wsgi",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(150):
            if _answers(self.port, "/"):
                break
            time.sleep(0.2)

    def warm_up(self, path: str, cookie: str = "", times: int = 1) -> None:
        """Untimed requests of `path` before a timed run of it: a page's first request in a worker is
        drawn cold (templates, the index, what is kept per data version), and a smoke run's window
        of one second could go on it alone under load, measuring nothing."""
        for _ in range(times):
            _answers(self.port, path, cookie)

    def worker_rss_mb(self) -> list[float]:
        import psutil

        return [
            round(child.memory_info().rss / 1_048_576, 1)
            for child in psutil.Process(self.process.pid).children()
        ]

    def worker_memory_mb(self) -> list[dict]:
        """Each worker's resident memory split as Linux counts it: ``anon`` is the worker's own
        (Python, Django, caches); ``file`` is pages of mapped files, mostly the search index's
        segments, which the kernel shares between workers and can drop at any time."""
        import psutil

        found = []
        for child in psutil.Process(self.process.pid).children():
            status = Path(f"/proc/{child.pid}/status").read_text().splitlines()
            fields = dict(line.split(":", 1) for line in status if ":" in line)
            kb = {name: int(fields.get(name, "0 kB").split()[0]) for name in ("VmRSS", "RssAnon", "RssFile")}
            found.append(
                {
                    "rss": round(kb["VmRSS"] / 1024, 1),
                    "anon": round(kb["RssAnon"] / 1024, 1),
                    "file": round(kb["RssFile"] / 1024, 1),
                }
            )
        return found

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(base: str, path: str, seconds: int, connections: int, cookie: str = "", pause_ms: int = 0) -> dict:
    """One path for `seconds` at `connections`; with `pause_ms`, each connection waits that long
    after each response before its next request (a smoke run's light load), else at full speed."""
    headers = f'["Cookie"] = "{cookie}"' if cookie else ""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_with_pause(WRK_REPORT % {"path": path, "headers": headers}, pause_ms))
    try:
        output = subprocess.run(
            [*_wrk_command(connections, seconds), "-s", script.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(script.name).unlink()
    report = json.loads(re.search(r"\{.*\}", output).group())
    report["rps"] = round(report["requests"] / report["seconds"], 1)
    report["connections"] = connections
    if pause_ms:
        report["pause_ms"] = pause_ms
    return report


def _wrk_command(connections: int, seconds: int) -> list[str]:
    # Two threads, or one for a single connection (wrk wants no more threads than connections).
    threads = min(2, connections)
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]


def single_request_ms(url: str) -> float:
    """One request's time, for a page too slow for wrk to finish any within its run."""
    output = subprocess.run(
        ["curl", "-sf", "-o", "/dev/null", "--max-time", "300", "-w", "%{time_total}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return round(float(output) * 1000, 1)


def wrk_cycle(base: str, paths: list[str], seconds: int, connections: int, pause_ms: int = 0) -> str:
    """wrk's latency report for a run that requests the paths in turn (`pause_ms` as for wrk())."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_with_pause(WRK_CYCLE % ", ".join(f'"{path}"' for path in paths), pause_ms))
    try:
        command = [*_wrk_command(connections, seconds), "--latency"]
        return subprocess.run(
            [*command, "-s", script.name, base], capture_output=True, text=True, check=True
        ).stdout
    finally:
        Path(script.name).unlink()


def wrk_errors(output: str) -> list[str]:
    """The error lines of a wrk report (non-2xx/3xx responses, socket errors)."""
    return re.findall(r"(?:Non-2xx or 3xx responses|Socket errors): .*", output)
