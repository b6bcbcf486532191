"""Runs inside the benchmark database (see `manage.py bench`): load if needed, then measure."""

import json
import re
import threading
import time
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import override_settings

from config.settings import NO_CACHE
from dev.bench.corpus import CorpusSpec
from dev.bench.loader import is_loaded, load
from dev.bench.measure import (
    ROUNDS,
    WARM_UPS,
    Gunicorn,
    bare_sql,
    in_process,
    single_request_ms,
    wrk,
    wrk_cycle,
    wrk_errors,
)
from dev.bench.peer import Datasette, export
from dev.bench.scenarios import bench_superuser, build_scenarios
from dev.bench.varied import generate, measure


class Command(BaseCommand):
    help = (
        "Migrate this database and collect the static files, load the synthetic corpus if needed, then "
        "measure every scenario (JSON out)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--comments", type=int)
        parser.add_argument("--runs", type=int, default=30, help="In-process requests per scenario.")
        parser.add_argument(
            "--http-seconds", type=int, default=10, help="wrk seconds per scenario (0: skip)."
        )
        parser.add_argument("--output", required=True)
        parser.add_argument("--peer", help="The datasette program to measure beside the archive (optional).")
        parser.add_argument(
            "--varied", type=int, default=180, help="Varied searches generated from the corpus."
        )
        # For a smaller but complete run (the test suite's smoke run): every figure is still measured.
        parser.add_argument(
            "--rounds", type=int, default=ROUNDS, help="Rounds of --runs requests; each figure their median."
        )
        parser.add_argument("--warm-runs", type=int, default=3, help="Warm requests per varied search.")
        parser.add_argument(
            "--warm-ups",
            type=int,
            default=WARM_UPS,
            help="Untimed requests before each scenario's timed ones, in process and over HTTP, and of each "
            "HTTP mix's first path before it.",
        )
        parser.add_argument("--mix-seconds", type=int, help="wrk seconds of each mix (default: 3 × HTTP).")
        parser.add_argument(
            "--one-server",
            action="store_true",
            help="One gunicorn for every HTTP run, not a fresh one for each (quicker, less isolated).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="gunicorn workers in every HTTP run (default 2); a smoke run's one paced connection needs "
            "one, and each worker warms up (templates, the index, what is kept per data version) on its own.",
        )
        parser.add_argument(
            "--max-connections",
            type=int,
            help="At most this many wrk connections in any HTTP run (default: 8 a scenario, 16 and 32 the "
            "mixes); a smoke run's way of keeping gunicorn to one busy worker.",
        )
        parser.add_argument(
            "--wrk-pause-ms",
            type=int,
            default=0,
            help="A pause after each response before a connection's next request in every HTTP run "
            "(default 0: full speed); a smoke run's way of answering every run without keeping a core busy.",
        )

    def handle(self, *args, articles, comments, runs, http_seconds, output, peer, varied, **options):
        # Here rather than as `manage.py` runs of their own: each start of Django costs two CPU-seconds.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # pages need the manifest
        rounds, warm_runs, one_server = options["rounds"], options["warm_runs"], options["one_server"]
        workers = options["workers"]
        cap = options["max_connections"]
        self.pause_ms = options["wrk_pause_ms"]
        self.warm_ups = options["warm_ups"]
        self.connections = lambda wanted: min(wanted, cap) if cap else wanted
        mix_seconds = options["mix_seconds"] if options["mix_seconds"] is not None else http_seconds * 3
        spec = CorpusSpec(articles=articles, comments=comments if comments is not None else articles * 10)
        load_report = None
        if not is_loaded(spec):
            load_report = load(spec, progress=lambda message: self.stderr.write(f"  {message}"))
            self.stderr.write(
                f"  loaded {spec.articles:,} articles and {spec.comments:,} comments in "
                f"{load_report.seconds:.0f} s ({load_report.rows_per_second:,.0f} rows/s)"
            )
        search_index = self._search_index()
        user = bench_superuser()
        peer_database = None
        if peer and http_seconds:
            peer_file = settings.BASE_DIR / ".bench" / f"peer_{spec.articles}_{spec.comments}.db"
            peer_database = export(peer_file, progress=lambda message: self.stderr.write(f"  {message}"))
        scenarios = build_scenarios(peer_database.stem if peer_database else None)
        results = {}
        for scenario in scenarios:
            self.stderr.write(f"  scenario {scenario.key}: {scenario.label}")
            login = user if scenario.needs_login else None
            # Cold: every request computes its search and draws its page (the budgets are held to
            # these). Warm: searches and article fragments come from the cache.
            with override_settings(
                CACHE_SECONDS=0, CACHES={**settings.CACHES, "template_fragments": NO_CACHE}
            ):
                timing, statements = in_process(scenario.url, runs, login, rounds, options["warm_ups"])
            warm, _ = in_process(scenario.url, runs, login, rounds, options["warm_ups"])
            results[scenario.key] = {
                "label": scenario.label,
                "url": scenario.url,
                "budget_p95_ms": scenario.budget_p95_ms,
                "in_process": timing,
                "in_process_warm": warm,
                "queries": len(statements),
                "bare_sql": bare_sql(statements, runs),
            }
        self.stderr.write(f"  {varied} varied searches, cold and warm")
        searches = generate(varied)
        with override_settings(CACHE_SECONDS=0, CACHES={**settings.CACHES, "template_fragments": NO_CACHE}):
            varied_results = measure(searches, warm_runs=warm_runs)
        if http_seconds:
            with ExitStack() as stack:
                server = self._servers(stack, one_server, workers)
                with server() as gunicorn:
                    paths = [row["url"] for row in varied_results["rows"] if row["status"] == 200]
                    varied_results["http_mix"] = {
                        **self._cycle(gunicorn, paths, mix_seconds, self.connections(16)),
                        "workers": workers,
                        "worker_rss_mb": gunicorn.worker_rss_mb(),
                        "worker_memory_mb": gunicorn.worker_memory_mb(),
                    }
                session = SessionStore()
                session["_auth_user_id"] = str(user.pk)
                session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
                session["_auth_user_hash"] = user.get_session_auth_hash()
                session.save()
                for scenario in scenarios:
                    with server() as gunicorn:
                        cookie = f"sessionid={session.session_key}" if scenario.needs_login else ""
                        gunicorn.warm_up(scenario.url, cookie, options["warm_ups"])
                        results[scenario.key]["http"] = wrk(
                            gunicorn.base,
                            scenario.url,
                            http_seconds,
                            self.connections(8),
                            cookie,
                            self.pause_ms,
                        )
                if peer_database:
                    self._measure_peer(peer, peer_database, scenarios, results, http_seconds)
                with server() as gunicorn:
                    mix = self._mix(gunicorn, scenarios, mix_seconds)
                    rss = gunicorn.worker_rss_mb()
                results["mix"] = {**mix, "workers": workers, "worker_rss_mb": rss}
        with open(output, "w") as handle:
            json.dump(
                {
                    "articles": spec.articles,
                    "comments": spec.comments,
                    "load_seconds": round(load_report.seconds, 1) if load_report else None,
                    "load_rows_per_second": round(load_report.rows_per_second) if load_report else None,
                    "scenarios": results,
                    "search_index": search_index,
                    "varied": varied_results,
                },
                handle,
                indent=1,
            )

    @staticmethod
    def _servers(stack: ExitStack, one_server: bool, workers: int = 2):
        """What each HTTP run is measured on. A fresh gunicorn for each, stopped after it: requests
        still queued from a slow scenario must not be counted against the next. With --one-server,
        one gunicorn for them all, stopped when the stack closes (a smoke run: quicker, less isolated)."""
        shared = []

        @contextmanager
        def server():
            if one_server:
                if not shared:
                    shared.append(Gunicorn(workers=workers))
                    stack.callback(shared[0].stop)
                yield shared[0]
                return
            gunicorn = Gunicorn(workers=workers)
            try:
                yield gunicorn
            finally:
                gunicorn.stop()

        return server

    def _search_index(self) -> dict:
        """This corpus's search index (settings.SEARCH_INDEX_DIR, one per benchmark database),
        rebuilt from the database when it is missing or does not hold every document."""
        from archive.search import documents, indexer

        backend = indexer.get_backend()
        expected = documents.count_entries()
        seconds = None
        if backend.created or backend.num_docs() != expected:
            self.stderr.write(f"  building the search index ({expected:,} documents)…")
            started = time.monotonic()
            indexer.rebuild(backend)
            seconds = round(time.monotonic() - started, 1)
            self.stderr.write(f"  search index built in {seconds:.0f} s")
        size = sum(path.stat().st_size for path in backend.path.rglob("*") if path.is_file())
        return {
            "documents": backend.num_docs(),
            "build_seconds": seconds,
            "size_mb": round(size / 1_048_576, 1),
            "segments": backend.searcher().num_segments,
        }

    def _cycle(self, server, paths, seconds, connections) -> dict:
        """A wrk run through the paths in turn, with the workers' memory sampled every second."""
        output, rss_max = _wrk_sampling_memory(
            server, paths, seconds, connections, self.pause_ms, self.warm_ups
        )
        return {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "errors": len(wrk_errors(output)),
            "connections": connections,
            **({"pause_ms": self.pause_ms} if self.pause_ms else {}),
            "seconds": seconds,
            "paths": len(paths),
            "latency": re.findall(r"\s+(50|75|90|99)%\s+(\S+)", output),
            "worker_rss_max_mb": rss_max,
        }

    def _measure_peer(self, executable, database, scenarios, results, seconds):
        """Each scenario Datasette can express, with the same wrk run as the archive's (and a fresh
        server each time, as for gunicorn). A page too slow to finish within the run is timed once."""
        for scenario in scenarios:
            if not scenario.peer_path:
                continue
            self.stderr.write(f"  peer {scenario.key}: {scenario.peer_path}")
            peer = Datasette(executable, database)
            try:
                figures = {"url": scenario.peer_path, **wrk(peer.base, scenario.peer_path, seconds, 8)}
            finally:
                peer.stop()
            if not figures["requests"]:
                peer = Datasette(executable, database)
                try:
                    figures["single_request_ms"] = single_request_ms(peer.base + scenario.peer_path)
                finally:
                    peer.stop()
            results[scenario.key]["peer"] = figures

    # Readers mostly arrive on a piece or a quote someone shared, then browse a topic or search.
    MIX_WEIGHTS = {"d": 4, "f": 3, "e": 2, "a": 2, "b": 1, "c": 1}

    def _mix(self, server, scenarios, seconds):
        """The realistic mix at 32 connections (one wrk run through the weighted paths in turn),
        with each worker's memory sampled every second while it runs."""
        by_key = {scenario.key: scenario.url for scenario in scenarios}
        paths = [by_key[key] for key, weight in self.MIX_WEIGHTS.items() for _ in range(weight)]
        connections = self.connections(32)
        output, rss_max = _wrk_sampling_memory(
            server, paths, seconds, connections, self.pause_ms, self.warm_ups
        )
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        weights = ", ".join(f"({key}) ×{weight}" for key, weight in self.MIX_WEIGHTS.items())
        return {
            "rps": rps,
            "errors": len(wrk_errors(output)),
            "wrk": output,
            "weights": weights,
            "connections": connections,
            **({"pause_ms": self.pause_ms} if self.pause_ms else {}),
            "worker_rss_max_mb": rss_max,
        }


def _wrk_sampling_memory(
    server, paths, seconds, connections, pause_ms=0, warm_ups=0
) -> tuple[str, float | None]:
    """wrk's output for a run through the paths in turn, and the largest worker RSS (MB) among
    samples taken every second while it ran. The first path is requested `warm_ups` times before:
    a worker's first request is drawn cold, and in a smoke run's one-second window under load it
    could take the whole run (a mix with no answer: rps 0)."""
    server.warm_up(paths[0], "", warm_ups)
    samples = []
    done = threading.Event()

    def sample_memory():
        # A wait on the event, not a sleep: the sampler ends as soon as wrk does, where a sleep held
        # the run up to a second more for no sample (the samples taken are the same).
        while True:
            samples.append(server.worker_rss_mb())
            if done.wait(1):
                return

    sampler = threading.Thread(target=sample_memory, daemon=True)
    sampler.start()
    try:
        output = wrk_cycle(server.base, paths, seconds, connections, pause_ms)
    finally:
        done.set()
        sampler.join()
    return output, max((max(sample) for sample in samples if sample), default=None)
