"""Paragraph ids that survive edits: each block of an article keeps its id from one revision to
the next, so a ``#p-<id>`` link lands on the same paragraph after others are added, removed,
moved or edited.

Pure Python. The ids of a revision are carried from the one before by diffing their blocks:
blocks that stand unchanged keep their ids (difflib's matching blocks first, then identical text
anywhere, which is a move); then an edited block takes the id of the most similar block that
went, when they are at least SIMILAR alike; every other block gets a new id, above every id given
before, so an id never comes to mean another paragraph.
"""

from collections import defaultdict
from difflib import SequenceMatcher

SIMILAR = 0.5  # how alike an edited paragraph must stay to its old self to keep its id (0 to 1)


def first_ids(texts: list[str]) -> tuple[list[int], int]:
    """Ids for a text that has none yet: its blocks' numbers, which are what #p-<n> meant before."""
    return list(range(1, len(texts) + 1)), len(texts)


def carry_ids(old: list[str], old_ids: list[int], new: list[str], high: int) -> tuple[list[int], int]:
    """The new blocks' ids, and the highest id given so far (``high`` before)."""
    ids: list[int | None] = [None] * len(new)
    free = set(range(len(old)))
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                ids[j1 + offset] = old_ids[i1 + offset]
                free.discard(i1 + offset)
    by_text: dict[str, list[int]] = defaultdict(list)
    for index in sorted(free):
        by_text[old[index]].append(index)
    for j, text in enumerate(new):
        if ids[j] is None and by_text.get(text):
            index = by_text[text].pop(0)  # the same paragraph, moved
            ids[j] = old_ids[index]
            free.discard(index)
    waiting = [j for j, value in enumerate(ids) if value is None]
    pairs = []
    for j in waiting:
        for index in free:
            matcher = SequenceMatcher(None, old[index], new[j], autojunk=False)
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                ratio = matcher.ratio()
                if ratio >= SIMILAR:
                    pairs.append((-ratio, abs(index - j), index, j))
    for _, _, index, j in sorted(pairs):  # the most alike first
        if ids[j] is None and index in free:
            ids[j] = old_ids[index]
            free.discard(index)
    for j, value in enumerate(ids):
        if value is None:
            high += 1
            ids[j] = high
    return [value for value in ids if value is not None], high
