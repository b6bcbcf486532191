"""Hard-wrapped text joined back into paragraphs; real line breaks kept.

A fixed-width letter breaks its paragraphs every 60 to 80 characters. Such a
break is told from a real one (an address, verse, a signature, a list) the way
a reader tells it: the text runs to the right margin, and the next line's first
word would not have fitted on this one. Runs of short lines are kept as one
block with their breaks.
"""

from archive.core.parser.text import Line

WRAP_MIN_WIDTH = 45  # narrower runs are addresses, verse and signatures
WRAP_MAX_WIDTH = 100  # a browser copy puts a whole paragraph on one line, far longer
SHORT_LINE_MAX_CHARS = 60
_LIST_START = ("•", "●", "▪", "◦", "·", "*", "- ", "– ")


def _is_item(text: str) -> bool:
    return text.startswith(_LIST_START) or (text[:3].rstrip(".) ").isdigit() and text[:4].count(".") == 1)


def _margin(run: list[Line]) -> int | None:
    """The right margin of a run that is plainly hard-wrapped: two or more lines reach it."""
    width = max(len(line.text) for line in run)
    full = [line for line in run[:-1] if len(line.text) >= 0.75 * width]
    return width if WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH and len(full) >= 2 else None


def _runs(content: list[Line]) -> list[list[Line]]:
    """Lines with nothing between them in the paste (consecutive numbers): a blank line,
    or furniture taken out, ends a run. List items always stand alone."""
    runs: list[list[Line]] = []
    for line in content:
        joins = runs and not _is_item(line.text) and not _is_item(runs[-1][-1].text)
        if joins and line.number == runs[-1][-1].number + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def join_wrapped(content: list[Line]) -> list[Line]:
    """Non-blank lines with hard-wrapped runs joined into one line each.

    Once one run shows the text's margin, a two-line paragraph that reaches it is joined too.
    """
    runs = _runs(content)
    margins = [margin for run in runs if len(run) > 1 and (margin := _margin(run))]
    margin = max(margins) if margins else None
    return [joined for run in runs for joined in _join_at_margin(run, margin)]


def keep_short_runs(content: list[Line]) -> list[Line]:
    """A run of short lines (an address, verse, a signature) becomes one line that keeps its breaks."""
    result: list[Line] = []
    for run in _runs(content):
        if len(run) > 1 and all(len(line.text) <= SHORT_LINE_MAX_CHARS for line in run):
            result.append(run[0]._replace(text="\n".join(line.text for line in run)))
        else:
            result.extend(run)
    return result


def _join_at_margin(run: list[Line], margin: int | None) -> list[Line]:
    width = max(len(line.text) for line in run)
    if len(run) < 2 or not margin or not 0.75 * margin <= width <= margin + 5:
        return run
    joined = [run[0]]
    for before, line in zip(run, run[1:], strict=False):
        if len(before.text) + 1 + len(line.text.split()[0]) > margin:
            # The next word did not fit on the line: the break is the margin's, not the author's.
            joined[-1] = joined[-1]._replace(text=f"{joined[-1].text} {line.text}")
        else:
            joined.append(line)
    return joined
