"""Quote anchoring: find a quoted passage in a text, and find it again after the text is edited.

Pure Python, after the W3C Web Annotation TextQuoteSelector and
TextPositionSelector, as Hypothesis uses them. A selector holds the exact text,
up to CONTEXT characters before and after it, and its offsets, all in the
*normalised* text (every run of whitespace made one space). Resolution tries,
in order: the offsets; the exact text if it occurs once; the exact text where
its context matches best; an approximate match anchored by the context. When
none is certain it gives up (the quote is "orphaned") rather than guess.

Approximate matching is written here rather than taken from diff-match-patch
because that library's Bitap matcher takes patterns of at most 32 characters,
and quotes are sentences.
"""

from difflib import SequenceMatcher
from typing import NamedTuple

CONTEXT = 32  # characters of context kept on each side
ANCHOR = 16  # characters of context that must survive for an approximate match
TOLERANCE = 0.75  # how similar an edited passage must stay to the quote (0 to 1)


class Selector(NamedTuple):
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


class Resolution(NamedTuple):
    start: int
    end: int
    method: str  # "offsets", "exact", "context" or "approximate"


def normalise(text: str) -> str:
    return " ".join(text.split())


def normalise_with_positions(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index it came from."""
    characters: list[str] = []
    positions: list[int] = []
    pending_space = False
    for index, character in enumerate(text):
        if character.isspace():
            pending_space = bool(characters)
            continue
        if pending_space:
            characters.append(" ")
            positions.append(index - 1)
            pending_space = False
        characters.append(character)
        positions.append(index)
    return "".join(characters), positions


def occurrences(text: str, part: str) -> list[int]:
    found, start = [], text.find(part)
    while part and start != -1:
        found.append(start)
        start = text.find(part, start + 1)
    return found


def context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored context still stand next to text[start:end]."""
    before, after = text[:start], text[end:]
    score = 0
    while score < len(prefix) and score < len(before) and before[-1 - score] == prefix[-1 - score]:
        score += 1
    matched_after = 0
    while (
        matched_after < len(suffix)
        and matched_after < len(after)
        and after[matched_after] == suffix[matched_after]
    ):
        matched_after += 1
    return score + matched_after


def select(text: str, exact: str) -> Selector | None:
    """The selector for a passage a reader selected; None when it is not in the text once.

    A passage whose words stand in the text more than once is refused: after
    edits, nothing could tell its copies apart for certain, and a quote link
    must never open on the wrong words. The reader selects a few more words.
    """
    text, exact = normalise(text), normalise(exact)
    starts = occurrences(text, exact)
    if len(starts) != 1:
        return None
    start = starts[0]
    end = start + len(exact)
    return Selector(exact, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start, end)


def resolve(selector: Selector, text: str) -> Resolution | None:
    """Where the quote is in the (normalised) text now, or None if it cannot be found for sure."""
    exact, length = selector.exact, len(selector.exact)
    starts = occurrences(text, exact)

    def context_at(start):
        return context_score(text, start, start + length, selector.prefix, selector.suffix)

    full_context = len(selector.prefix) + len(selector.suffix)
    if text[selector.start : selector.end] == exact and (
        len(starts) == 1 or context_at(selector.start) == full_context
    ):
        return Resolution(selector.start, selector.end, "offsets")
    if len(starts) == 1:
        return Resolution(starts[0], starts[0] + length, "exact")
    if len(starts) > 1:
        # The words now stand more than once. Only the copy with all of its stored
        # context around it is taken; anything less could be the wrong copy.
        whole = [start for start in starts if context_at(start) == full_context]
        if len(whole) == 1:
            return Resolution(whole[0], whole[0] + length, "context")
        return None
    return _approximate(selector, text)


def _approximate(selector: Selector, text: str) -> Resolution | None:
    """The passage most like the quote between its surviving context on both sides.

    Both sides must still be there (or be the start or end of the text), so a
    similar passage elsewhere is never taken for the quote.
    """
    exact, length = selector.exact, len(selector.exact)
    candidates = {
        (start, end)
        for start in _anchored_starts(text, selector.prefix)
        for end in _anchored_ends(text, selector.suffix)
        if start <= end <= start + 2 * length + ANCHOR
    }
    scored = sorted(
        (
            (SequenceMatcher(None, exact, text[start:end], autojunk=False).ratio(), start, end)
            for start, end in candidates
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < TOLERANCE:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # two places fit equally well: do not guess
    _, start, end = scored[0]
    start, end = _trim(text, start, end)
    return Resolution(start, end, "approximate") if end > start else None


def _anchored_starts(text: str, prefix: str) -> list[int]:
    if not prefix:
        return [0]  # the quote began the text
    anchor = prefix[-ANCHOR:]
    if len(anchor) < ANCHOR and len(prefix) < CONTEXT:
        # A short prefix means the quote was near the start: the prefix is all the text before it.
        return [len(anchor)] if text.startswith(anchor) else []
    return [position + len(anchor) for position in occurrences(text, anchor)]


def _anchored_ends(text: str, suffix: str) -> list[int]:
    if not suffix:
        return [len(text)]  # the quote ended the text
    anchor = suffix[:ANCHOR]
    if len(anchor) < ANCHOR and len(suffix) < CONTEXT:
        return [len(text) - len(anchor)] if text.endswith(anchor) else []
    return occurrences(text, anchor)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end
