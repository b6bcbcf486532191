"""Quote anchoring: find a quoted passage in a text, and find it again after the text is edited.

Pure Python, after the W3C Web Annotation TextQuoteSelector and
TextPositionSelector, as Hypothesis uses them. A selector holds the exact text,
up to CONTEXT characters before and after it, and its offsets, all in the
*normalised* text (every run of whitespace made one space; the text's blocks,
its paragraphs and headings, joined by one space).

The rule is that a link may be unsure but never wrong. Hypothesis's
match-quote scores every approximate occurrence of the quote by its text,
context and position and takes the best one whatever its score, so a quote
whose words are gone silently lands on other words. Here a passage is taken
only when the evidence agrees:

1. the exact words, with at least one side of their stored context around
   them (all of it, or all of it up to the edge of their paragraph, with that
   edge still there; context cut short by a paragraph edge counts only with
   the other side too, since a paragraph's first words say little about which
   paragraph it is);
2. failing that, a passage between the surviving context on both sides that
   is at least TOLERANCE similar to the quote, and the only best one.

Anything else is None: the quote is shown as it was, with its revision.
ANCHOR, MIN_SIDE and TOLERANCE were chosen on the edit scenarios in
tests/test_anchoring_scenarios.py (hand-written and generated).
"""

from difflib import SequenceMatcher
from typing import NamedTuple

CONTEXT = 32  # characters of context kept on each side
ANCHOR = 16  # characters of context next to the quote that must survive for an approximate match
MIN_SIDE = 12  # fewest characters of context, up to a paragraph edge, that count as one side alone
TOLERANCE = 0.75  # how similar an edited passage must stay to the quote (0 to 1)
EDGE_CONTEXT = 0.6  # how similar the neighbouring paragraph's words must stay, for a quote at an edge


class Selector(NamedTuple):
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    # How many characters of prefix (suffix) lie inside the quote's own block, when its edge
    # falls within the stored context; None when it does not, or is not known.
    prefix_break: int | None = None
    suffix_break: int | None = None


class Resolution(NamedTuple):
    start: int
    end: int
    method: str  # "offsets", "exact", "context" or "approximate"
    changed: bool = False  # the words found differ from the quoted words


class Document(NamedTuple):
    """A normalised text and where its blocks start and end in it."""

    text: str
    starts: frozenset[int]
    ends: frozenset[int]

    @classmethod
    def from_parts(cls, parts) -> "Document":
        pieces, starts, ends, position = [], set(), set(), 0
        for part in parts:
            piece = normalise(part)
            if not piece:
                continue
            pieces.append(piece)
            starts.add(position)
            ends.add(position + len(piece))
            position += len(piece) + 1
        return cls(" ".join(pieces), frozenset(starts), frozenset(ends))


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


def _as_document(text) -> Document:
    return text if isinstance(text, Document) else Document.from_parts([text])


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


def breaks_around(document: Document, start: int, end: int) -> tuple[int | None, int | None]:
    """How far the quote's block edges lie inside the context (None: beyond it)."""
    block_start = max((s for s in document.starts if s <= start), default=0)
    block_end = min((e for e in document.ends if e >= end), default=len(document.text))
    prefix_break = start - block_start if start - block_start < CONTEXT else None
    suffix_break = block_end - end if block_end - end < CONTEXT else None
    return prefix_break, suffix_break


def select(text, exact: str) -> Selector | None:
    """The selector for a passage a reader selected; None when it is not in the text once.

    A passage whose words stand in the text more than once is refused: after
    edits, nothing could tell its copies apart for certain, and a quote link
    must never open on the wrong words. The reader selects a few more words.
    """
    document = _as_document(text)
    text, exact = document.text, normalise(exact)
    starts = occurrences(text, exact)
    if len(starts) != 1:
        return None
    start = starts[0]
    end = start + len(exact)
    prefix, suffix = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    return Selector(exact, prefix, suffix, start, end, *breaks_around(document, start, end))


def with_breaks(selector: Selector, old) -> Selector:
    """The selector with its block edges read from the text it was made on (its revision)."""
    document = _as_document(old)
    if document.text[selector.start : selector.end] != selector.exact:
        return selector
    prefix_break, suffix_break = breaks_around(document, selector.start, selector.end)
    return selector._replace(prefix_break=prefix_break, suffix_break=suffix_break)


# --- Evidence -----------------------------------------------------------------


def _prefix_evidence(selector: Selector, document: Document, start: int) -> tuple[bool, bool]:
    """(agrees, strong): the stored prefix (up to its block edge) stands before ``start``."""
    text, prefix = document.text, selector.prefix
    if selector.prefix_break is not None:
        kept = selector.prefix_break
        inside = prefix[len(prefix) - kept :] if kept else ""
        agrees = start - kept in document.starts and text[start - kept : start] == inside
        return agrees, agrees and kept >= MIN_SIDE
    if len(prefix) < CONTEXT:  # an old selector near the start of the text: all of it was the prefix
        agrees = text[:start] == prefix
        return agrees, agrees and len(prefix) >= MIN_SIDE
    agrees = start >= len(prefix) and text[start - len(prefix) : start] == prefix
    return agrees, agrees


def _suffix_evidence(selector: Selector, document: Document, end: int) -> tuple[bool, bool]:
    text, suffix = document.text, selector.suffix
    if selector.suffix_break is not None:
        kept = selector.suffix_break
        agrees = end + kept in document.ends and text[end : end + kept] == suffix[:kept]
        return agrees, agrees and kept >= MIN_SIDE
    if len(suffix) < CONTEXT:
        agrees = text[end:] == suffix
        return agrees, agrees and len(suffix) >= MIN_SIDE
    agrees = text[end : end + len(suffix)] == suffix
    return agrees, agrees


def _evidence(selector: Selector, document: Document, start: int) -> int:
    """How well the text around this copy of the words agrees with the stored context.

    3: both sides agree, with some of their words; 2: one side agrees with at least MIN_SIDE
    characters; 1: both sides are only paragraph edges (a whole paragraph, perhaps moved, or
    perhaps a copy: taken only when nothing better is found); 0: no case.
    """
    end = start + len(selector.exact)
    before, before_strong = _prefix_evidence(selector, document, start)
    after, after_strong = _suffix_evidence(selector, document, end)
    if before and after:
        return 1 if selector.prefix_break == 0 and selector.suffix_break == 0 else 3
    return 2 if before_strong or after_strong else 0


def _only_best(selector: Selector, document: Document, starts: list[int]) -> int | None:
    """The one copy with the most of the stored context around it (across paragraph edges too)."""
    if len(starts) == 1:
        return starts[0]
    length = len(selector.exact)
    scores = sorted(
        ((context_score(document.text, s, s + length, selector.prefix, selector.suffix), s) for s in starts),
        reverse=True,
    )
    return scores[0][1] if scores[0][0] > scores[1][0] else None


def resolve(selector: Selector, text) -> Resolution | None:
    """Where the quote is in the (normalised) text now, or None if it cannot be found for sure."""
    document = _as_document(text)
    exact, length = selector.exact, len(selector.exact)
    copies = occurrences(document.text, exact)
    levels = {start: _evidence(selector, document, start) for start in copies}

    def found(start):
        method = "offsets" if start == selector.start else "exact" if len(copies) == 1 else "context"
        return Resolution(start, start + length, method)

    for level in (3, 2):
        backed = [start for start in copies if levels[start] == level]
        if backed:
            best = _only_best(selector, document, backed)
            return found(best) if best is not None else None  # several copies fit alike: do not guess
    near = _approximate(selector, document)
    if near is not None:
        inside = [start for start in copies if near.start <= start and start + length <= near.end]
        # The exact words inside the passage their surviving context points at: those words.
        return found(inside[0]) if len(inside) == 1 else near
    # A whole quoted paragraph found as a whole paragraph, and nowhere else: moved.
    whole = [start for start in copies if levels[start] == 1]
    return found(whole[0]) if len(copies) == 1 and whole else None


# --- Approximate ----------------------------------------------------------------


def _approximate(selector: Selector, document: Document) -> Resolution | None:
    """The passage most like the quote between its surviving context on both sides.

    Both sides must still be there (or be the start or end of the text), so a
    similar passage elsewhere is never taken for the quote.
    """
    text, exact, length = document.text, selector.exact, len(selector.exact)
    candidates = {
        (start, end)
        for start in _anchored_starts(selector, document)
        for end in _anchored_ends(selector, document)
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
    if end <= start:
        return None
    return Resolution(start, end, "approximate", changed=text[start:end] != exact)


def _similar(stored: str, found: str) -> bool:
    """The words beyond the quote's paragraph edge are much as they were."""
    return bool(found) and SequenceMatcher(None, stored, found, autojunk=False).ratio() >= EDGE_CONTEXT


def _outside_agrees(document: Document, edge: int, stored: str, before: bool) -> bool:
    """Beyond this block edge stands what stood beyond the quote's (or the text's end, as it did)."""
    text = document.text
    if not stored:
        return edge == (0 if before else len(text))
    found = (
        text[max(0, edge - 1 - len(stored)) : max(0, edge - 1)]
        if before
        else text[edge + 1 : edge + 1 + len(stored)]
    )
    return _similar(stored, found)


def _anchored_starts(selector: Selector, document: Document) -> list[int]:
    text, prefix, kept = document.text, selector.prefix, selector.prefix_break
    if kept is not None and kept < ANCHOR:
        # Near its block's start: that edge is the anchor, with the words before it in the
        # neighbouring block still much as they were (else a similar paragraph elsewhere fits).
        inside, outside = prefix[len(prefix) - kept :], prefix[: len(prefix) - kept].rstrip()
        return [
            edge + kept
            for edge in document.starts
            if text[edge : edge + kept] == inside and _outside_agrees(document, edge, outside, before=True)
        ]
    if not prefix:
        return [0]  # the quote began the text
    anchor = prefix[-ANCHOR:]
    if len(anchor) < ANCHOR and len(prefix) < CONTEXT:
        return [len(anchor)] if text.startswith(anchor) else []
    return [position + len(anchor) for position in occurrences(text, anchor)]


def _anchored_ends(selector: Selector, document: Document) -> list[int]:
    text, suffix, kept = document.text, selector.suffix, selector.suffix_break
    if kept is not None and kept < ANCHOR:
        inside, outside = suffix[:kept], suffix[kept:].lstrip()
        return [
            edge - kept
            for edge in document.ends
            if text[edge - kept : edge] == inside and _outside_agrees(document, edge, outside, before=False)
        ]
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
