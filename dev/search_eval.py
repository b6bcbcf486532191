"""Relevance measured: a judged query set and the standard measures over ranked results.

Pure Python: the judged set is read from TOML (tests/search_eval/queries.toml), and the
measures take the ranked ids a search returned and the graded judgments of one query. The
management command ``eval_search`` is the shell that loads an archive and runs the searches.

Measures, per query, over the first ``k`` (10) distinct pieces:
- recall@k: the share of the relevant pieces (any grade) that are there;
- reciprocal rank: 1 / the position of the first relevant piece (0 when none is in the list);
- nDCG@k: discounted cumulative gain with gains 2^grade - 1 and discount log2(position + 1),
  divided by the same for the ideal order (Järvelin and Kekäläinen, 2002);
- best in top 3: whether a piece of the query's highest grade is among the first three
  (the issue's "the best text is in the top three").
"""

import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

K = 10
TYPES = ["acronym", "long_name", "misspelling", "phrase", "exclusion", "words"]


@dataclass(frozen=True)
class JudgedQuery:
    q: str
    type: str
    relevant: dict[str, int]  # piece id -> grade (1-3)

    @property
    def best(self) -> set[str]:
        top = max(self.relevant.values())
        return {piece for piece, grade in self.relevant.items() if grade == top}


@dataclass
class QueryResult:
    query: JudgedQuery
    ranked: list[str]  # piece ids in the order the search gave them (distinct)
    total: int = 0  # what the search said it found
    recall: float = 0.0
    reciprocal_rank: float = 0.0
    ndcg: float = 0.0
    best_in_top3: bool = False
    missing: list[str] = field(default_factory=list)  # relevant pieces not in the first k


def recall_at(ranked: Sequence[str], relevant: dict[str, int], k: int = K) -> float:
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: dict[str, int]) -> float:
    for position, piece in enumerate(ranked, start=1):
        if piece in relevant:
            return 1 / position
    return 0.0


def dcg(grades: Iterable[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 1) for position, grade in enumerate(grades, start=1))


def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int = K) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if not ideal:
        return 0.0
    return dcg(relevant.get(piece, 0) for piece in ranked[:k]) / ideal


def distinct(ids: Iterable[str]) -> list[str]:
    """Each id once, where it first appears (a piece found by its comments counts once)."""
    return list(dict.fromkeys(ids))


def score(query: JudgedQuery, ranked: Sequence[str], total: int = 0, k: int = K) -> QueryResult:
    ranked = distinct(ranked)
    return QueryResult(
        query=query,
        ranked=ranked,
        total=total,
        recall=recall_at(ranked, query.relevant, k),
        reciprocal_rank=reciprocal_rank(ranked, query.relevant),
        ndcg=ndcg_at(ranked, query.relevant, k),
        best_in_top3=bool(query.best & set(ranked[:3])),
        missing=[piece for piece in query.relevant if piece not in ranked[:k]],
    )


@dataclass(frozen=True)
class Summary:
    label: str
    queries: int
    recall: float
    mrr: float
    ndcg: float
    best_in_top3: int  # how many queries


def summarise(results: Sequence[QueryResult]) -> list[Summary]:
    """The means overall and then per query type (in TYPES order, types with queries only)."""
    groups = [("all", list(results))] + [
        (kind, [r for r in results if r.query.type == kind]) for kind in TYPES
    ]
    return [
        Summary(
            label=label,
            queries=len(group),
            recall=sum(r.recall for r in group) / len(group),
            mrr=sum(r.reciprocal_rank for r in group) / len(group),
            ndcg=sum(r.ndcg for r in group) / len(group),
            best_in_top3=sum(r.best_in_top3 for r in group),
        )
        for label, group in groups
        if group
    ]


def report(results: Sequence[QueryResult], k: int = K) -> str:
    """A plain-text report: the summary table, then each query's figures and what it missed."""
    lines = [
        f"{'queries':<12} {'n':>3} {f'recall@{k}':>9} {'MRR':>6} {f'nDCG@{k}':>8} {'best in top 3':>14}",
    ]
    for row in summarise(results):
        lines.append(
            f"{row.label:<12} {row.queries:>3} {row.recall:>9.3f} {row.mrr:>6.3f} {row.ndcg:>8.3f} "
            f"{row.best_in_top3:>7}/{row.queries:<6}"
        )
    lines.append("")
    lines.append(f"{'query':<42} {'type':<11} {'found':>5} {'R@10':>5} {'RR':>5} {'nDCG':>5}  missing")
    for r in results:
        lines.append(
            f"{r.query.q[:42]:<42} {r.query.type:<11} {r.total:>5} {r.recall:>5.2f} "
            f"{r.reciprocal_rank:>5.2f} {r.ndcg:>5.2f}  {', '.join(r.missing)}"
        )
    return "\n".join(lines)


class JudgedSetError(ValueError):
    pass


def load_judged(path: Path, known: set[str] | None = None) -> list[JudgedQuery]:
    """The judged queries of a TOML file; ``known`` ids, when given, are checked."""
    with path.open("rb") as handle:
        rows = tomllib.load(handle)["query"]
    queries = []
    for row in rows:
        query = JudgedQuery(q=row["q"], type=row["type"], relevant=dict(row["relevant"]))
        if query.type not in TYPES:
            raise JudgedSetError(f"{query.q!r}: unknown type {query.type!r}")
        if not query.relevant or not all(grade in (1, 2, 3) for grade in query.relevant.values()):
            raise JudgedSetError(f"{query.q!r}: judgments must be grades 1 to 3")
        if known is not None and (unknown := set(query.relevant) - known):
            raise JudgedSetError(f"{query.q!r}: no piece with id {', '.join(sorted(unknown))}")
        queries.append(query)
    return queries
