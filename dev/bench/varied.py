"""The varied searches: at least 150 generated from the loaded corpus's own vocabulary.

Nothing here is hand-picked. Words are drawn from a sample of the corpus's
article bodies, by how many articles hold them (frequency bands: rare, uncommon,
common, very common); phrases are cut from real bodies; topic names, bodies,
authors, publications and years are the corpus's own. Each search then gets a
random mix of what a reader adds: exclusions, OR, 0–3 facets, a sort, a later
page, a date range. The same seed gives the same searches on the same corpus.

Each search is classed by what it asks (the budgets' classes): a browse has no
words; a broad search matches over 5% of all hits; any other is selective.
"""

import cProfile
import io
import pstats
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.test import Client

from dev.bench.measure import new_client, percentiles

BANDS = [  # share of sampled articles holding the word
    ("rare", 0.0, 0.005),
    ("uncommon", 0.005, 0.05),
    ("common", 0.05, 0.25),
    ("very common", 0.25, 1.01),
]
BROAD_SHARE = 0.05
BUDGETS = {"selective": 80, "broad": 400, "browse": 100}
SAMPLE_ARTICLES = 3000
_WORD = re.compile(r"[a-z]{3,}")


@dataclass
class VariedSearch:
    kind: str  # what was generated: "1 word", "phrase", "OR", ...
    band: str  # the frequency band of its (rarest) word, or "none"
    params: dict

    @property
    def url(self) -> str:
        return "/search/?" + urlencode(self.params, doseq=True)


def _vocabulary(rng: random.Random) -> tuple[dict[str, list[str]], list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body FROM archive_article WHERE status = 'published' ORDER BY md5(id::text) LIMIT %s",
            [SAMPLE_ARTICLES],
        )
        bodies = [row[0] for row in cursor.fetchall()]
    frequency = Counter()
    for body in bodies:
        frequency.update(set(_WORD.findall(body.lower())))
    banded = {name: [] for name, _, _ in BANDS}
    for word, count in sorted(frequency.items()):
        share = count / len(bodies)
        for name, low, high in BANDS:
            if low <= share < high:
                banded[name].append(word)
    return banded, bodies


def _facet_values() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        values = {}
        for name, sql in (
            ("org", "SELECT slug FROM archive_organisation ORDER BY slug"),
            ("term", "SELECT slug FROM archive_policyterm ORDER BY slug"),
            ("publication", "SELECT slug FROM archive_publication ORDER BY slug"),
            ("author", "SELECT slug FROM archive_person ORDER BY slug LIMIT 400"),
            (
                "year",
                "SELECT DISTINCT extract(year FROM published_on)::int::text FROM archive_article "
                "WHERE published_on IS NOT NULL ORDER BY 1",
            ),
        ):
            cursor.execute(sql)
            values[name] = [row[0] for row in cursor.fetchall()]
        values["kind"] = ["article", "comment"]
        cursor.execute("SELECT name FROM archive_policyterm ORDER BY slug")
        values["topic_names"] = [row[0] for row in cursor.fetchall()]
        # The glossary's short names, which search expands to every name of the entry.
        cursor.execute(
            "SELECT abbreviation FROM archive_policyterm WHERE abbreviation <> '' "
            "UNION SELECT abbreviation FROM archive_organisation WHERE abbreviation <> '' ORDER BY 1"
        )
        values["abbreviations"] = [row[0] for row in cursor.fetchall()] or values["topic_names"]
    return values


def generate(count: int = 180, seed: int = 15) -> list[VariedSearch]:
    rng = random.Random(seed)
    banded, bodies = _vocabulary(rng)
    values = _facet_values()
    bands = [name for name, _, _ in BANDS if banded[name]]

    def word(band=None):
        band = band or rng.choice(bands)
        return band, rng.choice(banded[band])

    def rarest(chosen_bands):
        order = [name for name, _, _ in BANDS]
        return min(chosen_bands, key=order.index)

    def phrase():
        words = rng.choice(bodies).split()
        length = rng.randint(2, 4)
        start = rng.randrange(max(1, len(words) - length))
        return " ".join(re.sub(r"[^\w'-]", "", w) for w in words[start : start + length])

    makers = []

    def one_word():
        band, text = word()
        return "1 word", band, text

    def two_or_three():
        picked = [word() for _ in range(rng.randint(2, 3))]
        return f"{len(picked)} words", rarest([b for b, _ in picked]), " ".join(w for _, w in picked)

    def quoted():
        return "phrase from a body", "none", f'"{phrase()}"'

    def topic():
        name = rng.choice(values["topic_names"])
        return "topic name", "none", (f'"{name}"' if rng.random() < 0.5 else name)

    def excluding():
        (band, first), (_, second) = word(), word(rng.choice(bands))
        return "exclusion", band, f"{first} -{second}"

    def either():
        (band_a, first), (band_b, second) = word(), word()
        return "OR", rarest([band_a, band_b]), f"{first} OR {second}"

    def browse():
        return "browse", "none", ""

    def relaxed():
        # Words with one the corpus lacks (a letter dropped): nothing has them all, so the page
        # is filled with pieces that have some of them.
        picked = [word() for _ in range(rng.randint(1, 2))]
        band, text = word()
        cut = rng.randrange(1, len(text))
        words = [w for _, w in picked] + [text[:cut] + text[cut + 1 :] + "q"]
        return "relaxed", rarest([b for b, _ in picked] + [band]), " ".join(words)

    def expanded():
        # A glossary abbreviation (plural half the time), alone or with a word: expanded to
        # every name of its entry, with the entry's tag boosted.
        short = rng.choice(values["abbreviations"])
        short += "s" if rng.random() < 0.5 else ""
        if rng.random() < 0.5:
            band, text = word()
            return "expanded", band, f"{short} {text}"
        return "expanded", "none", short

    makers = [
        (one_word, 5),
        (two_or_three, 4),
        (quoted, 3),
        (topic, 2),
        (excluding, 2),
        (either, 2),
        (browse, 3),
        (relaxed, 2),
        (expanded, 2),
    ]
    pool = [maker for maker, weight in makers for _ in range(weight)]
    searches = []
    for _ in range(count):
        kind, band, text = rng.choice(pool)()
        params = {"q": text} if text else {}
        facets = rng.sample(
            ["org", "term", "year", "kind", "publication", "author"], rng.choice([0, 0, 1, 1, 2, 3])
        )
        if kind == "browse" and not facets and rng.random() < 0.7:
            facets = [rng.choice(["org", "term", "year"])]
        for name in facets:
            params[name] = rng.choice(values[name])
        if rng.random() < 0.15:
            year = int(rng.choice(values["year"]))
            params["from"] = f"{year}-0{rng.randint(1, 9)}-01"
            if rng.random() < 0.5:
                params["to"] = f"{year + rng.randint(0, 4)}-12-31"
        if rng.random() < 0.3:
            params["sort"] = rng.choice(["newest", "oldest", "relevance"])
        if rng.random() < 0.2:
            params["page"] = str(rng.randint(2, 5))
        searches.append(VariedSearch(kind, band, params))
    return searches


def _total_documents() -> int:
    from archive.search.indexer import get_backend

    return get_backend().num_docs()


def measure(searches: list[VariedSearch], warm_runs: int = 3, profile_slowest: int = 10) -> dict:
    """Each search cold (its first request) and warm (median of the next ``warm_runs``), in-process,
    with the outcome's total to class it. A later page past the last one is asked for the last."""
    client = new_client()
    everything = max(1, _total_documents())
    rows = []
    for search in searches:
        if "page" in search.params:  # a later page that exists: the total is asked of page 1 first
            first = client.get("/api/search/", {k: v for k, v in search.params.items() if k != "page"})
            pages = first.json()["pages"] if first.status_code == 200 else 1
            search.params["page"] = str(min(int(search.params["page"]), pages))
        start = time.perf_counter()
        response = client.get(search.url)
        cold = (time.perf_counter() - start) * 1000
        warm = []
        for _ in range(warm_runs):
            start = time.perf_counter()
            client.get(search.url)
            warm.append((time.perf_counter() - start) * 1000)
        api = client.get("/api/search/", search.params).json() if response.status_code == 200 else {}
        total = api.get("total", 0)
        if not search.params.get("q"):
            klass = "browse"
        else:
            klass = "broad" if total > BROAD_SHARE * everything else "selective"
        rows.append(
            {
                "url": search.url,
                "kind": search.kind,
                "band": search.band,
                "class": klass,
                "status": response.status_code,
                "total": total,
                "cold_ms": round(cold, 2),
                "warm_ms": round(sorted(warm)[len(warm) // 2], 2),
            }
        )
    summary = {"searches": len(rows), "errors": sum(1 for row in rows if row["status"] != 200)}
    for group in ("class", "band", "kind"):
        summary[f"by_{group}"] = {
            value: _figures([row for row in rows if row[group] == value])
            for value in sorted({row[group] for row in rows})
        }
    summary["all"] = _figures(rows)
    for klass, budget in BUDGETS.items():
        if klass in summary["by_class"]:
            summary["by_class"][klass]["budget_p95_ms"] = budget
    slowest = sorted(rows, key=lambda row: row["cold_ms"], reverse=True)[:profile_slowest]
    summary["slowest"] = [{**row, "profile": _profile(client, row["url"])} for row in slowest]
    summary["rows"] = rows
    return summary


def _figures(rows: list[dict]) -> dict:
    cold = percentiles([row["cold_ms"] for row in rows])
    warm = percentiles([row["warm_ms"] for row in rows])
    return {
        "n": len(rows),
        "cold": {
            **{k: cold[k] for k in ("p50_ms", "p95_ms", "p99_ms")},
            "max_ms": max(r["cold_ms"] for r in rows),
        },
        "warm": {
            **{k: warm[k] for k in ("p50_ms", "p95_ms", "p99_ms")},
            "max_ms": max(r["warm_ms"] for r in rows),
        },
    }


def _profile(client: Client, url: str) -> str:
    """Where one request of the search spends its time: the top functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"archive|tantivy|psycopg", 12)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start : start + 13])
