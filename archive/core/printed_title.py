"""A title the curator typed or picked that the text prints is the printed title.

The parser takes a curator's title as "supplied" unless it is the paste's first
line. But pastes often open with a banner or a section label, and a curator
who types (or picks, in the preview) the real title should not see it marked
"supplied by a curator" in public and in citations, nor find the printed line
left in the body as a sub-heading. Pure functions over the parsed piece.
"""

from archive.core.parser.text import words


def _same(a: str, b: str) -> bool:
    return bool(words(a)) and words(a) == words(b)


def adopt_printed_title(piece, title: str, source_lines: list[str]) -> bool:
    """Mark ``piece``'s title as printed when ``title`` is a line of the paste, and take that
    line (printed once or twice) out of the standfirst and body. Returns whether it did."""
    if not piece.title_supplied or not any(_same(line, title) for line in source_lines):
        return False
    piece.title_supplied = False
    if piece.standfirst and _same(piece.standfirst, title):
        piece.standfirst = ""
    kept = [block for block in piece.blocks if not _same(block.text, title)]
    piece.blocks = [block._replace(number=number) for number, block in enumerate(kept, 1)]
    return True
