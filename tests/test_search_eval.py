"""The relevance harness (dev.search_eval) and the judged set it reads."""

import math
import tomllib
from pathlib import Path

import pytest

from archive.services.importer import PieceMetadata, parse
from dev import search_eval
from dev.search_eval import JudgedQuery, JudgedSetError

EVAL_DIR = Path(__file__).resolve().parent / "search_eval"


def test_measures_on_a_toy_judged_set_worked_out_by_hand():
    query = JudgedQuery("toy", "words", {"a": 3, "b": 2, "c": 1})
    ranked = ["x", "a", "y", "c", "a", "z"]  # "a" again (a comment of a) counts once
    result = search_eval.score(query, ranked, total=6, k=3)
    assert result.ranked == ["x", "a", "y", "c", "z"]
    assert result.recall == pytest.approx(1 / 3)  # only a is in the first three
    assert result.reciprocal_rank == pytest.approx(1 / 2)
    # DCG@3 = (2^3 - 1) / log2(3); ideal = 7/log2(2) + 3/log2(3) + 1/log2(4)
    ideal = 7 + 3 / math.log2(3) + 1 / 2
    assert result.ndcg == pytest.approx((7 / math.log2(3)) / ideal)
    assert result.best_in_top3 is True
    assert result.missing == ["b", "c"]


def test_a_perfect_ranking_scores_one_and_an_empty_one_zero():
    query = JudgedQuery("toy", "acronym", {"a": 3, "b": 1})
    perfect = search_eval.score(query, ["a", "b", "x"])
    assert (perfect.recall, perfect.reciprocal_rank, perfect.ndcg) == (1, 1, pytest.approx(1))
    swapped = search_eval.score(query, ["b", "a"])
    assert swapped.recall == 1 and swapped.reciprocal_rank == 1 and swapped.ndcg < 1
    assert swapped.best_in_top3  # a is second
    nothing = search_eval.score(query, [])
    assert (nothing.recall, nothing.reciprocal_rank, nothing.ndcg, nothing.best_in_top3) == (0, 0, 0, False)


def test_summaries_are_means_overall_and_per_type():
    results = [
        search_eval.score(JudgedQuery("one", "acronym", {"a": 3}), ["a"]),
        search_eval.score(JudgedQuery("two", "acronym", {"a": 3}), ["x", "a"]),
        search_eval.score(JudgedQuery("three", "phrase", {"a": 3}), []),
    ]
    rows = {row.label: row for row in search_eval.summarise(results)}
    assert list(rows) == ["all", "acronym", "phrase"]
    assert rows["all"].recall == pytest.approx(2 / 3)
    assert rows["all"].mrr == pytest.approx((1 + 0.5 + 0) / 3)
    assert rows["acronym"].mrr == pytest.approx(0.75) and rows["acronym"].best_in_top3 == 2
    assert rows["phrase"].ndcg == 0
    text = search_eval.report(results)
    assert "acronym" in text and "0.750" in text


def test_a_judged_set_with_unknown_ids_or_grades_is_refused(tmp_path):
    path = tmp_path / "queries.toml"
    path.write_text('[[query]]\nq = "x"\ntype = "words"\nrelevant = { a = 3 }\n')
    assert search_eval.load_judged(path, known={"a"})[0].relevant == {"a": 3}
    with pytest.raises(JudgedSetError, match="no piece with id a"):
        search_eval.load_judged(path, known={"b"})
    path.write_text('[[query]]\nq = "x"\ntype = "words"\nrelevant = { a = 5 }\n')
    with pytest.raises(JudgedSetError, match="grades"):
        search_eval.load_judged(path)
    path.write_text('[[query]]\nq = "x"\ntype = "guess"\nrelevant = { a = 1 }\n')
    with pytest.raises(JudgedSetError, match="unknown type"):
        search_eval.load_judged(path)


def test_the_judged_set_is_well_formed():
    manifest = tomllib.loads((EVAL_DIR / "pieces.toml").read_text())
    ids = set(manifest["seed"]) | {row["id"] for row in manifest["piece"]}
    queries = search_eval.load_judged(EVAL_DIR / "queries.toml", known=ids)
    assert len(queries) >= 40
    assert {query.type for query in queries} == set(search_eval.TYPES)
    assert len({query.q for query in queries}) == len(queries)
    files = {path.stem for path in (EVAL_DIR / "pieces").glob("*.txt")}
    assert files == {row["id"] for row in manifest["piece"]}


@pytest.mark.django_db  # the parser asks the archive for a publication's remembered furniture
def test_every_judged_piece_parses_as_one_piece_with_its_title():
    manifest = tomllib.loads((EVAL_DIR / "pieces.toml").read_text())
    for row in manifest["piece"]:
        text = (EVAL_DIR / "pieces" / f"{row['id']}.txt").read_text()
        (piece,) = parse(text, PieceMetadata(title=row["title"])).pieces
        assert piece.title == row["title"]
        assert len(piece.blocks) >= 2 and not piece.comments
