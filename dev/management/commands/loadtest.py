"""A bounded load test on loopback: wrk against gunicorn, a mix of reader pages, memory watched.

Run by `make loadtest` (which installs Debian's wrk if it is missing). Only
loopback is ever loaded; the run stops by itself after --duration seconds.
"""

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import BaseCommand, CommandError

from archive.models import Article, PolicyTerm, Quote
from dev.bench.measure import Gunicorn, wrk_cycle, wrk_errors


class Command(BaseCommand):
    help = "Load gunicorn on loopback with wrk (a mix of home, search, article, topic and quote pages)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=60)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--workers", type=int, default=2)

    def paths(self) -> list[str]:
        articles = list(Article.objects.published().order_by("pk")[:6])
        terms = list(PolicyTerm.objects.public().order_by("pk")[:4])
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
        server = Gunicorn(workers=workers)
        try:
            for path in paths:  # warm up each page once
                subprocess.run(["curl", "-s", "-o", "/dev/null", server.base + path], check=False)
            rss_start = server.worker_rss_mb()
            started = time.monotonic()
            samples = []
            with ThreadPoolExecutor(max_workers=1) as pool:
                run = pool.submit(wrk_cycle, server.base, paths, duration, connections)
                while not run.done():
                    time.sleep(5)
                    samples.append((round(time.monotonic() - started), server.worker_rss_mb()))
                output = run.result()
        finally:
            server.stop()
        self.stdout.write(output)
        self.stdout.write(f"Pages in the mix ({len(paths)}): {', '.join(paths)}")
        self.stdout.write(f"Worker RSS (MB) after warm-up: {rss_start}")
        for second, rss in samples:
            self.stdout.write(f"  at {second:3d} s: {rss}")
        if errors := wrk_errors(output):
            raise CommandError(f"Errors under load: {'; '.join(errors)}")
        self.stdout.write(self.style.SUCCESS("No errors."))
