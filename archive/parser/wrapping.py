"""Hard-wrapped text joined back into paragraphs; real line breaks kept.

A fixed-width letter breaks its paragraphs every 60 to 80 characters. Such a
break is told from a real one (an address, verse, a signature, a list) the way
a reader tells it: the text runs to the right margin, and the next line's first
word would not have fitted on this one. Runs of short lines are kept as one
block with their breaks.
"""

from archive.parser.text import Line

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


def join_wrapped(content: list[Line]) -> list[Line]:
    """Non-blank lines with hard-wrapped runs joined; runs of short lines become one line holding newlines.

    Two lines are in one run when nothing stood between them in the paste
    (consecutive line numbers): a blank line, or furniture taken out, ends a run.
    Once one run shows the text's margin, a two-line paragraph that reaches it
    is joined too.
    """
    runs: list[list[Line]] = []
    for line in content:
        if (
            runs
            and not _is_item(line.text)
            and not _is_item(runs[-1][-1].text)
            and line.number == runs[-1][-1].number + 1
        ):
            runs[-1].append(line)
        else:
            runs.append([line])
    margins = [margin for run in runs if len(run) > 1 and (margin := _margin(run))]
    margin = max(margins) if margins else None
    return [joined for run in runs for joined in _join_run(run, margin)]


def _join_run(run: list[Line], margin: int | None) -> list[Line]:
    if len(run) < 2 or _is_item(run[0].text):
        return run
    width = max(len(line.text) for line in run)
    if margin and width <= margin + 5 and width >= 0.75 * margin:
        joined = [run[0]]
        for before, line in zip(run, run[1:], strict=False):
            if len(before.text) + 1 + len(line.text.split()[0]) > margin:
                # The next word did not fit on the line: the break is the margin's, not the author's.
                joined[-1] = joined[-1]._replace(text=f"{joined[-1].text} {line.text}")
            else:
                joined.append(line)
        return joined
    if all(len(line.text) <= SHORT_LINE_MAX_CHARS for line in run):
        return [run[0]._replace(text="\n".join(line.text for line in run))]
    return run
