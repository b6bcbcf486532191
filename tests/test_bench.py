"""A tiny smoke run of the benchmark harness (the real run is `make bench`, not part of the tests)."""

import json
import shutil

from django.core.management import call_command
from django.db import connection

import psycopg
import pytest

from archive.dburl import url_for
from dev.bench.corpus import CorpusSpec, Generator, Vocabulary


def test_the_corpus_is_deterministic_and_shaped_as_asked():
    spec = CorpusSpec(articles=300, comments=3000, authors=50, publications=5)
    first = list(Generator(spec, Vocabulary.from_fixtures()).articles())
    second = list(Generator(spec, Vocabulary.from_fixtures()).articles())
    assert first == second
    words = [len(article.body.split()) for article in first]
    assert min(words) >= 300 and max(words) <= 1700 and 550 < sum(words) / len(words) < 850
    assert all(2004 <= article.published_on.year <= 2026 for article in first)
    assert all(article.publication <= 5 for article in first) and all(article.terms for article in first)
    comments = list(Generator(spec, Vocabulary.from_fixtures()).comments())
    assert len(comments) == 3000 and [comment.id for comment in comments] == list(range(1, 3001))


# wrk's pause after each response in the smoke run's HTTP runs (`bench --wrk-pause-ms`): at full
# speed one gunicorn worker and wrk kept a core busy for all nine wrk-seconds.
PAUSE_MS = 100


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_tiny_benchmark_run_measures_every_scenario(tmp_path, database_name):
    http_seconds = 1 if shutil.which("wrk") else 0  # `make bench` installs wrk; here HTTP is optional
    name = database_name("archive_bench_120_600")  # what `make bench` would name it, per xdist worker
    admin_url = url_for(connection.settings_dict, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # A copy of the test databases' migrated template (tests/db_template.py): the harness's own
        # `migrate` then finds nothing to apply, as in a benchmark database made before.
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["TEST"]["TEMPLATE"]}"')
    try:
        call_command(
            "bench",
            articles=120,
            comments=600,
            # Smaller than `make bench` in every dimension, but complete: each scenario, the varied
            # searches and (with wrk) every HTTP run still measured, by one round of two requests,
            # one warm request per search, one untimed request before each scenario's (three in
            # `make bench`), and one gunicorn for all the HTTP runs, a second each.
            runs=2,
            rounds=1,
            warm_runs=1,
            warm_ups=1,
            varied=24,
            http_seconds=http_seconds,
            mix_seconds=http_seconds,
            one_server=True,
            max_connections=1,  # wrk and gunicorn on one core, not both: the other worker's tests go on
            # and that one connection paced: every HTTP run still answers, without a core kept busy.
            wrk_pause_ms=PAUSE_MS,
            workers=1,  # one gunicorn worker for that connection: a second warmed up every page again
            docs_dir=tmp_path,
            database_url=url_for(connection.settings_dict, name),
        )
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    figures = json.loads((tmp_path / "benchmarks.json").read_text())["120/600"]
    assert set(figures["scenarios"]) == set("abcdefg")
    for scenario in figures["scenarios"].values():
        assert scenario["p95_ms"] > 0 and scenario["queries"] > 0 and scenario["bare_sql_p95_ms"] > 0
    varied = figures["varied"]
    assert varied["searches"] == 24 and varied["errors"] == 0
    assert varied["all"]["cold"]["p95_ms"] > 0 and len(varied["slowest"]) == 10
    assert figures["search_index"]["documents"] == 120 + 600  # every article is published here
    if http_seconds:  # every HTTP run measured, each with the one paced connection asked for
        assert all(scenario["http"]["rps"] > 0 for scenario in figures["scenarios"].values())
        assert {scenario["http"]["connections"] for scenario in figures["scenarios"].values()} == {1}
        assert {scenario["http"]["pause_ms"] for scenario in figures["scenarios"].values()} == {PAUSE_MS}
        assert figures["mix"]["connections"] == 1 and figures["mix"]["rps"] > 0
        assert figures["mix"]["workers"] == 1 and varied["http_mix"]["workers"] == 1
        assert figures["mix"]["pause_ms"] == PAUSE_MS
        assert varied["http_mix"]["rps"] > 0 and varied["http_mix"]["pause_ms"] == PAUSE_MS
    markdown = (tmp_path / "benchmarks.md").read_text()
    assert "120 articles, 600 comments" in markdown and "24 varied searches" in markdown
