"""Site furniture: lines that publishing sites print around an article, and only those.

Each pattern matches a whole line (case-insensitive). Everything else in a paste
is the author's or a commenter's text and is kept. The lines listed are the
ones DESIGN.md §6 names, seen in the seed texts; add a new site's furniture here.
"""

import re

FURNITURE_LINES = [
    re.compile(r"this site is intended for health professionals only", re.I),
    re.compile(r"article continues below this sponsored advert", re.I),
    re.compile(r"please note,? only gps are permitted to add comments to articles", re.I),
    re.compile(r"(no|\d+) comments?", re.I),
]

# "Page 1 of 83", then the pager's numbers run together ("123483") or spaced.
PAGE_COUNTER = re.compile(r"page \d+ of \d+", re.I)
PAGER_LINE = re.compile(r"(?:\d+|…|\.\.\.|«|»|next|previous|prev|[\s,])+", re.I)

# The line that opens the comments: "READERS' COMMENTS [16]" (any apostrophe), "Comments (3)".
COMMENTS_HEADER = re.compile(r"(?:readers?['’‘`]?s?['’‘`]? )?comments\s*(?:\[(\d+)\]|\((\d+)\))?", re.I)


def is_furniture(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in FURNITURE_LINES) or bool(PAGE_COUNTER.fullmatch(text))


def is_pager(text: str) -> bool:
    """A pager line of numbers; only ever removed right after a 'Page N of M' line."""
    return bool(PAGER_LINE.fullmatch(text))


def is_comments_header(text: str) -> bool:
    return bool(COMMENTS_HEADER.fullmatch(text))


def declared_comment_count(text: str) -> int | None:
    """The count a comments header declares ("[16]"), or None."""
    match = COMMENTS_HEADER.fullmatch(text)
    declared = match and (match.group(1) or match.group(2))
    return int(declared) if declared else None
