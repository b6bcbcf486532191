"""Scores the parser on a development set of pastes with their truth: ``make eval-import``.

Each case is ``<name>.txt`` (a paste, as copied from a browser) and ``<name>.toml``
(what a careful reader finds in it). The fields scored are the ones a curator
checks after an import; a field a case does not speak about is not scored for it.
Pure Python: no database, so it runs anywhere the parser does.

    python -m dev.import_eval [FOLDER ...] [--verbose]

``make eval-import`` scores the five sets: this project's dev set, hold-out and second hold-out,
and the cross-set written by another author (docs/import-eval.md).
"""

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from archive.core.parser import ParseError, parse_source

TESTS = Path(__file__).resolve().parent.parent / "tests"
DEFAULT_FOLDER = TESTS / "import_devset"
LONDON = ZoneInfo("Europe/London")
FIELDS = [
    "title",
    "date",
    "authors",
    "publication",
    "comment count",
    "comment authors",
    "comment times",
    "comment threads",
    "furniture gone",
    "hard wraps",
    "body first",
    "body last",
    "nothing invented",
]
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def norm(text: str | None) -> str:
    return " ".join((text or "").translate(_QUOTES).split())


@dataclass
class CaseResult:
    name: str
    layout: str
    scores: dict[str, bool] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    error: str = ""


@dataclass
class Report:
    cases: list[CaseResult]

    def accuracy(self, name: str) -> tuple[int, int]:
        scored = [case.scores[name] for case in self.cases if name in case.scores]
        return sum(scored), len(scored)

    def table(self) -> str:
        layouts = len({case.layout for case in self.cases})
        lines = [f"{len(self.cases)} pastes, {layouts} layouts", "", f"{'field':<18} right  of  accuracy"]
        for name in FIELDS:
            right, total = self.accuracy(name)
            if total:
                lines.append(f"{name:<18} {right:>5} {total:>3}  {right / total:8.1%}")
        right = sum(sum(case.scores.values()) for case in self.cases)
        total = sum(len(case.scores) for case in self.cases)
        lines.append(f"{'all checks':<18} {right:>5} {total:>3}  {right / total:8.1%}")
        return "\n".join(lines)


def load_cases(folder: Path) -> list[tuple[str, str, dict]]:
    cases = []
    for truth_path in sorted(folder.glob("*.toml")):
        text = truth_path.with_suffix(".txt").read_text(encoding="utf-8")
        cases.append((truth_path.stem, text, tomllib.loads(truth_path.read_text(encoding="utf-8"))))
    return cases


def evaluate(folder: Path = DEFAULT_FOLDER) -> Report:
    return Report([score_case(name, text, truth) for name, text, truth in load_cases(folder)])


def score_case(name: str, text: str, truth: dict) -> CaseResult:
    result = CaseResult(name, truth.get("layout", name))
    try:
        parsed = parse_source(text)
    except ParseError as error:
        result.error = str(error)
        result.scores = {name: False for name in FIELDS if _applies(name, truth)}
        return result
    piece = parsed.pieces[0]
    checks = {
        "title": lambda: _same(piece.title, truth["title"]),
        "date": lambda: _date_right(piece, truth),
        "authors": lambda: [norm(a) for a in piece.bylines] == [norm(a) for a in truth.get("authors", [])],
        "publication": lambda: _same(getattr(piece, "publication", None), truth.get("publication")),
        "comment count": lambda: len(piece.comments) == len(truth.get("comments", [])),
        "comment authors": lambda: (
            [norm(c.author) for c in piece.comments] == [norm(c["author"]) for c in truth.get("comments", [])]
        ),
        "comment times": lambda: (
            [_when(c) for c in piece.comments] == [c.get("when", "") for c in truth.get("comments", [])]
        ),
        "comment threads": lambda: (
            [getattr(c, "parent", None) for c in piece.comments]
            == [c.get("parent") for c in truth.get("comments", [])]
        ),
        "furniture gone": lambda: _furniture_gone(piece, truth),
        "hard wraps": lambda: _wraps_right(piece, truth),
        "body first": lambda: norm(_first(piece)).startswith(norm(truth["body_first"])),
        "body last": lambda: norm(_last(piece)).endswith(norm(truth["body_last"])),
        "nothing invented": lambda: _nothing_invented(piece, text, truth),
    }
    for field_name, check in checks.items():
        if _applies(field_name, truth):
            result.scores[field_name] = bool(check())
    result.notes = {
        "title": repr(piece.title),
        "date": repr(piece.published),
        "authors": repr(piece.bylines),
        "publication": repr(getattr(piece, "publication", None)),
        "comments": repr([(c.author, _when(c), getattr(c, "parent", None)) for c in piece.comments]),
        "first": repr(_texts(piece)[:1]),
        "last": repr(piece.blocks[-1].text[-80:] if piece.blocks else ""),
        "left": repr(_furniture_left(piece, truth)),
        "warnings": repr(piece.warnings),
    }
    return result


def _applies(field_name: str, truth: dict) -> bool:
    if field_name == "publication":
        return "publication" in truth
    if field_name in ("comment authors", "comment times", "comment threads"):
        return bool(truth.get("comments"))
    if field_name == "hard wraps":
        return bool(truth.get("wrapped") or truth.get("separate"))
    return True


def _same(found: str | None, expected: str | None) -> bool:
    return norm(found) == norm(expected)


def _date_right(piece, truth) -> bool:
    expected = date.fromisoformat(truth["date"]) if truth.get("date") else None
    if piece.published != expected:
        return False
    if truth.get("date_warning"):
        # An impossible printed date is reported, never silently dropped.
        return any("date" in warning.lower() for warning in piece.warnings)
    return True


def _when(comment) -> str:
    posted = comment.posted_at
    if posted is None:
        return ""
    if isinstance(posted, datetime):
        posted = posted.astimezone(LONDON)
        if getattr(comment, "precision", "datetime") == "date":
            return posted.date().isoformat()
        return posted.strftime("%Y-%m-%dT%H:%M")
    return posted.isoformat()


def _texts(piece) -> list[str]:
    return [text for text in [piece.standfirst, *(block.text for block in piece.blocks)] if text]


def _first(piece) -> str:
    texts = _texts(piece)
    return texts[0] if texts else ""


def _last(piece) -> str:
    return piece.blocks[-1].text if piece.blocks else ""


def _output_lines(piece) -> set[str]:
    """Every line the reader of the imported piece sees, in the body or a comment."""
    texts = [piece.title or "", *_texts(piece), *(c.body for c in piece.comments)]
    return {norm(line) for text in texts for line in text.split("\n") if line.strip()}


def _furniture_left(piece, truth) -> list[str]:
    shown = _output_lines(piece)
    return [line for line in truth.get("furniture", []) if norm(line) in shown]


def _furniture_gone(piece, truth) -> bool:
    return not _furniture_left(piece, truth)


def _wraps_right(piece, truth) -> bool:
    blocks = [norm(text) for text in _texts(piece)]
    lines = _output_lines(piece)
    joined = all(any(norm(sentence) in block for block in blocks) for sentence in truth.get("wrapped", []))
    kept = all(norm(line) in lines for line in truth.get("separate", []))
    return joined and kept


def _nothing_invented(piece, text: str, truth: dict) -> bool:
    """Nothing shown that the paste does not print: a wrong value is a miss, an invented one is worse."""
    source = norm(text)
    expected_date = date.fromisoformat(truth["date"]) if truth.get("date") else None
    truth_comments = truth.get("comments", [])
    truth_whens = {c.get("when", "") for c in truth_comments}
    publication = getattr(piece, "publication", None)
    return all(
        [
            piece.title is None or norm(piece.title) in source or _same(piece.title, truth["title"]),
            piece.published is None or piece.published == expected_date,
            all(norm(a) in source for a in piece.bylines),
            not publication or norm(publication) in source,
            all(norm(c.author) in source for c in piece.comments),
            # A comment shown with a time the paste does not print (an invented 12:00 a.m.).
            all(_when(c) in truth_whens or len(_when(c)) <= 10 for c in piece.comments),
            bool(truth_comments) or not piece.comments,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT_FOLDER], metavar="FOLDER")
    parser.add_argument("--verbose", action="store_true", help="show every miss with what was read")
    options = parser.parse_args(argv)
    for number, folder in enumerate(options.folders):
        report = evaluate(folder)
        if len(options.folders) > 1:
            print(("\n" if number else "") + f"== {folder}")
        if options.verbose:
            _print_misses(report)
        print(report.table())
    return 0


def _print_misses(report: Report) -> None:
    for case in report.cases:
        missed = [name for name, right in case.scores.items() if not right]
        if missed:
            print(f"{case.name}: {', '.join(missed)}{'  ERROR ' + case.error if case.error else ''}")
            for key, value in case.notes.items():
                print(f"    {key}: {value}")
    print()


if __name__ == "__main__":
    sys.exit(main())
