"""`make bench`: a synthetic corpus in its own database, every scenario measured, figures written."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

import psycopg
from psycopg import sql

from archive.dburl import url_for
from dev.bench.report import write_reports


class Command(BaseCommand):
    help = (
        "Generate a deterministic corpus (default 100,000 articles and 1,000,000 comments) in a separate "
        "benchmark database, measure each scenario in-process, as bare SQL and over HTTP, and write "
        "docs/benchmarks.json and docs/benchmarks.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--comments", type=int, help="Default: ten per article.")
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument(
            "--varied", type=int, default=180, help="Varied searches generated from the corpus."
        )
        parser.add_argument("--http-seconds", type=int, default=10)
        parser.add_argument("--database-url", help="Benchmark here instead of a database on this server.")
        parser.add_argument("--docs-dir", type=Path, default=Path(settings.BASE_DIR) / "docs")
        parser.add_argument(
            "--peer", help="The datasette program of the peer's environment (`make bench` makes .venv-peer)."
        )
        # A smaller but complete run (the test suite's smoke run); see bench_run for each.
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--warm-runs", type=int, default=3)
        parser.add_argument("--warm-ups", type=int, default=3)
        parser.add_argument("--mix-seconds", type=int)
        parser.add_argument("--one-server", action="store_true")
        parser.add_argument("--max-connections", type=int)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--wrk-pause-ms", type=int, default=0)

    def handle(
        self,
        *args,
        articles,
        comments,
        runs,
        varied,
        http_seconds,
        database_url,
        docs_dir,
        peer,
        rounds,
        warm_runs,
        warm_ups,
        mix_seconds,
        one_server,
        max_connections,
        workers,
        wrk_pause_ms,
        **options,
    ):
        comments = comments if comments is not None else articles * 10
        target = database_url or self._database_on_this_server(f"archive_bench_{articles}_{comments}")
        index_dir = Path(settings.BASE_DIR) / ".bench" / f"search-index_{articles}_{comments}"
        env = dict(
            os.environ,
            DATABASE_URL=target,
            SECRET_KEY=settings.SECRET_KEY,
            SECURE_SSL_REDIRECT="0",
            SEARCH_INDEX_DIR=str(index_dir),  # each benchmark database has its own index
        )
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as output:
            path = Path(output.name)
        try:
            self._run(
                [
                    "bench_run",
                    f"--articles={articles}",
                    f"--comments={comments}",
                    f"--runs={runs}",
                    f"--varied={varied}",
                    f"--http-seconds={http_seconds}",
                    f"--rounds={rounds}",
                    f"--warm-runs={warm_runs}",
                    f"--warm-ups={warm_ups}",
                    *([f"--mix-seconds={mix_seconds}"] if mix_seconds is not None else []),
                    *(["--one-server"] if one_server else []),
                    *([f"--max-connections={max_connections}"] if max_connections else []),
                    f"--workers={workers}",
                    *([f"--wrk-pause-ms={wrk_pause_ms}"] if wrk_pause_ms else []),
                    f"--output={path}",
                    *([f"--peer={peer}"] if peer else []),
                ],
                env,
            )
            result = json.loads(path.read_text())
        finally:
            path.unlink(missing_ok=True)
        write_reports(result, docs_dir)
        self.stdout.write(
            self.style.SUCCESS(f"Figures written to {docs_dir / 'benchmarks.md'} and benchmarks.json.")
        )

    def _database_on_this_server(self, name: str) -> str:
        with psycopg.connect(url_for(connection.settings_dict, "postgres"), autocommit=True) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return url_for(connection.settings_dict, name)

    def _run(self, args: list[str], env: dict) -> None:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env)
        if result.returncode != 0:
            raise CommandError(f"manage.py {args[0]} failed in the benchmark database.")
