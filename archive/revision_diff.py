"""What changed between two versions of a text, block by block (paragraphs, headings, items).

Pure Python over difflib: a changed paragraph is shown as the old one removed and the new one
added, with the words that differ marked inside each, which is what a reader checking a quote
needs to see.
"""

from difflib import SequenceMatcher
from typing import NamedTuple


class Change(NamedTuple):
    kind: str  # "same", "removed" or "added"
    pieces: list[tuple[str, bool]]  # (words, differ) in order


def _words(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    a, b = old.split(), new.split()
    old_pieces, new_pieces = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_pieces.append((" ".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_pieces.append((" ".join(b[j1:j2]), tag != "equal"))
    return old_pieces, new_pieces


def block_changes(old: list[str], new: list[str]) -> list[Change]:
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            changes += [Change("same", [(text, False)]) for text in old[i1:i2]]
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(pairs):  # an edited block: its words compared
            removed, added = _words(old[i1 + offset], new[j1 + offset])
            changes += [Change("removed", removed), Change("added", added)]
        changes += [Change("removed", [(text, True)]) for text in old[i1 + pairs : i2]]
        changes += [Change("added", [(text, True)]) for text in new[j1 + pairs : j2]]
    return changes
