"""A tiny smoke run of the benchmark harness (the real run is `make bench`, not part of the tests)."""

import json

from django.db import connection

import pytest

from dev.bench.corpus import CorpusSpec, Generator, Vocabulary
from tests import bench_smoke


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


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_tiny_benchmark_run_measures_every_scenario(tmp_path, database_name):
    # Under xdist the controller ran it beside the other tests (tests/bench_smoke.py); else, here.
    docs_dir = bench_smoke.figures_from_the_background()
    if docs_dir is None:
        docs_dir = tmp_path
        template = connection.settings_dict["TEST"]["TEMPLATE"]
        bench_smoke.run(docs_dir, template, database_name(bench_smoke.DATABASE))
    http_seconds, pause_ms = bench_smoke.http_seconds(), bench_smoke.PAUSE_MS
    figures = json.loads((docs_dir / "benchmarks.json").read_text())["120/600"]
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
        assert {scenario["http"]["pause_ms"] for scenario in figures["scenarios"].values()} == {pause_ms}
        assert figures["mix"]["connections"] == 1 and figures["mix"]["rps"] > 0
        assert figures["mix"]["workers"] == 1 and varied["http_mix"]["workers"] == 1
        assert figures["mix"]["pause_ms"] == pause_ms
        assert varied["http_mix"]["rps"] > 0 and varied["http_mix"]["pause_ms"] == pause_ms
    markdown = (docs_dir / "benchmarks.md").read_text()
    assert "120 articles, 600 comments" in markdown and "24 varied searches" in markdown
