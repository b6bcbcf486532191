"""A bounded load test on loopback: wrk against gunicorn, a mix of reader pages, memory watched.

Run by `make loadtest` (which installs Debian's wrk if it is missing). Only
loopback is ever loaded; the run stops by itself after --duration seconds.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.models import Article, PolicyTerm, Quote

LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_rss_mb(master_pid: int) -> list[float]:
    import psutil

    try:
        children = psutil.Process(master_pid).children()
    except psutil.NoSuchProcess:
        return []
    return [round(child.memory_info().rss / 1_048_576, 1) for child in children]


class Command(BaseCommand):
    help = "Load gunicorn on loopback with wrk (a mix of home, search, article, topic and quote pages)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=60)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--workers", type=int, default=2)

    def paths(self) -> list[str]:
        articles = list(Article.objects.published().order_by("pk")[:6])
        terms = list(PolicyTerm.objects.order_by("pk")[:4])
        quotes = list(Quote.objects.published().order_by("pk")[:4])
        if not articles or not quotes:
            raise CommandError("Load the seed archive first (make seed).")
        searches = [
            "q=micromanagement",
            "q=%22unwarranted+variation%22",
            "q=QOF+-ARRS&kind=comment",
            "year=2023",
        ]
        return (
            ["/"]
            + [f"/search/?{query}" for query in searches]
            + [article.get_absolute_url() for article in articles]
            + [term.get_absolute_url() for term in terms]
            + [quote.get_absolute_url() for quote in quotes]
        )

    def handle(self, *args, duration, connections, workers, **options):
        paths = self.paths()
        port = free_port()
        env = dict(os.environ, PORT=str(port), HOST="127.0.0.1", WEB_CONCURRENCY=str(workers))
        env["GUNICORN_PIDFILE"] = ""
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "archive.wsgi",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait_until_up(base)
            for path in paths:  # warm up each page once
                subprocess.run(["curl", "-s", "-o", "/dev/null", base + path], check=False)
            rss_start = worker_rss_mb(gunicorn.pid)
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                script.write(LUA % ", ".join(f'"{path}"' for path in paths))
            started = time.monotonic()
            wrk = subprocess.Popen(
                ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script.name, base],
                stdout=subprocess.PIPE,
                text=True,
            )
            samples = []
            while wrk.poll() is None:
                time.sleep(5)
                samples.append((round(time.monotonic() - started), worker_rss_mb(gunicorn.pid)))
            output = wrk.stdout.read()
            Path(script.name).unlink()
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        self.stdout.write(output)
        self.stdout.write(f"Pages in the mix ({len(paths)}): {', '.join(paths)}")
        self.stdout.write(f"Worker RSS (MB) after warm-up: {rss_start}")
        for second, rss in samples:
            self.stdout.write(f"  at {second:3d} s: {rss}")
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        if errors or socket_errors:
            raise CommandError(f"Errors under load: {errors.group(0) if errors else socket_errors.group(0)}")
        self.stdout.write(self.style.SUCCESS("No errors."))

    def _wait_until_up(self, base: str) -> None:
        for _ in range(100):
            if subprocess.run(["curl", "-sf", "-o", "/dev/null", base + "/"], check=False).returncode == 0:
                return
            time.sleep(0.2)
        raise CommandError("gunicorn did not start.")
