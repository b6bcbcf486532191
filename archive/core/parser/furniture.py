"""Site furniture: lines that publishing sites print around an article, and only those.

The patterns are data (``site_furniture.py``, plus what the archive has learned
for a publication, passed in as ``extra_furniture``); this module applies them.
Everything else in a paste is the author's or a commenter's text and is kept.
"""

import re
from collections.abc import Iterable

from archive.core.parser import site_furniture
from archive.core.parser.printed_dates import read_date_line
from archive.core.parser.text import Line


def _compile(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.I)


FURNITURE = _compile(site_furniture.LINES)
TOP_LABEL = _compile(site_furniture.TOP_LABELS)
LABEL_WITH_VALUE_BELOW = _compile(site_furniture.LABELS_WITH_VALUE_BELOW)
LIST_HEADING = _compile(site_furniture.LIST_HEADINGS)
LINK_LABEL = _compile(site_furniture.LINK_LABELS)
LINK_MAX_WORDS = 15
AUTHOR_LIST_HEADING = _compile(site_furniture.AUTHOR_LIST_HEADINGS)
FOOTER_START = _compile(site_furniture.FOOTER_STARTS)
PICTURE_CREDIT = _compile(site_furniture.PICTURE_CREDITS)
CAPTION_MIN_WORDS, CAPTION_MAX_WORDS = 4, 14  # a sentence-like description, not a label or a name
CITATION = re.compile(r".*\b(?:doi|cite this as)\b.*", re.I)
TOP_LABEL_SENTENCES = 2
_PUBLICATIONS = {name.casefold(): name for name in site_furniture.PUBLICATIONS}
_PUBLICATION_PATTERN = re.compile("|".join(f"(?:{p})" for p in site_furniture.PUBLICATION_PATTERNS))
LIST_ITEM_MAX_WORDS = 5
SENTENCE_MIN_WORDS = 6
LIST_MAX_ITEMS = 8

# "Page 1 of 83", then the pager's numbers run together ("123483") or spaced.
PAGE_COUNTER = re.compile(r"page \d+ of \d+", re.I)
PAGER_LINE = re.compile(r"(?:\d+|…|\.\.\.|«|»|next|previous|prev|[\s,])+", re.I)

# The line that opens the comments: "READERS' COMMENTS [16]" (any apostrophe), "Comments (3)",
# "3 thoughts on “Title”", "5 Responses to “Title”", "Responses (2)", "Rapid responses (2)".
COMMENTS_HEADER = re.compile(
    r"(?:readers?['’‘`]?s?['’‘`]? )?comments\s*(?:\[(\d+)\]|\((\d+)\))?"
    r"|(?:(\d+) (?:thoughts?|responses?|replies|comments?) (?:on|to) .{3,200})"
    r"|(?:rapid )?responses\s*\((\d+)\)|rapid responses|(\d+) comments?:|(\d+) (?:responses|replies)",
    re.I,
)
QUOTED_IN_HEADER = re.compile(
    r"\d+ (?:thoughts?|responses?|replies|comments?) (?:on|to) [“\"‘'](.+)[”\"’']", re.I
)


def key(text: str) -> str:
    """How a line is compared with a learned furniture line: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def is_furniture(text: str, extra: frozenset[str] = frozenset()) -> bool:
    return bool(FURNITURE.fullmatch(text)) or bool(PAGE_COUNTER.fullmatch(text)) or key(text) in extra


def is_pager(text: str) -> bool:
    """A pager line of numbers; only ever removed right after a 'Page N of M' line."""
    return bool(PAGER_LINE.fullmatch(text))


def is_comments_header(text: str) -> bool:
    return bool(COMMENTS_HEADER.fullmatch(text))


def declared_comment_count(text: str) -> int | None:
    """The count a comments header declares ("[16]", "3 thoughts on ..."), or None."""
    match = COMMENTS_HEADER.fullmatch(text)
    declared = match and next((group for group in match.groups() if group), None)
    return int(declared) if declared else None


def publication_named(text: str) -> str | None:
    """The publication a line names when it is only a site's name ("GPonline", "Leeds LMC")."""
    if found := _PUBLICATIONS.get(key(text)):
        return found
    if len(text) <= 60 and _PUBLICATION_PATTERN.fullmatch(text):
        return text
    return None


def is_list_item(text: str) -> bool:
    return len(text.split()) <= LIST_ITEM_MAX_WORDS and not text.endswith((".", "!", "?"))


def learned(lines: Iterable[str]) -> frozenset[str]:
    return frozenset(key(line) for line in lines if line and line.strip())


def remove_furniture(lines: list[Line], extra: frozenset[str] = frozenset()) -> tuple[list[Line], list[str]]:
    """The lines without furniture, and the furniture lines removed (in order)."""
    kept: list[Line] = []
    removed: list[str] = []
    after_page_counter = False
    skip_value = after_value = link_below = False
    list_left = 0  # items still to take under a list heading
    sentences = 0  # section labels are furniture above the text: a standfirst may come before them
    for line in lines:
        text = line.text
        if not text:
            kept.append(line)
            continue
        if sentences < TOP_LABEL_SENTENCES and TOP_LABEL.fullmatch(text):
            removed.append(text)
            continue
        if skip_value:  # the value under "From:" or "Rapid response to:"
            removed.append(text)
            skip_value, after_value = False, True
            continue
        if after_value and CITATION.fullmatch(text):
            removed.append(text)  # the answered article's citation under its title, not this piece's date
            continue
        after_value = False
        if link_below and len(text.split()) <= LINK_MAX_WORDS and not text.endswith((".", ":", ",")):
            removed.append(text)  # the headline under "Read more"
            link_below = False
            continue
        link_below = False
        if list_left and is_list_item(text) and not is_furniture(text, extra):
            removed.append(text)
            list_left -= 1
            continue
        list_left = 0
        if sentences and FOOTER_START.fullmatch(text):
            kept.append(line)  # left for the piece to cut the footer from here on
            continue
        if LINK_LABEL.fullmatch(text) and sentences:
            removed.append(text)
            link_below = True
            continue
        if is_furniture(text, extra) or (after_page_counter and is_pager(text)):
            if PICTURE_CREDIT.fullmatch(text) and (caption := _caption_above(kept)) is not None:
                removed.append(kept.pop(caption).text)
            removed.append(text)
            after_page_counter = bool(PAGE_COUNTER.fullmatch(text))
            continue
        after_page_counter = False
        if LABEL_WITH_VALUE_BELOW.fullmatch(text):
            removed.append(text)
            skip_value = True
            continue
        if LIST_HEADING.fullmatch(text):
            removed.append(text)
            list_left = LIST_MAX_ITEMS
            continue
        kept.append(line)
        sentences += _is_sentence(text)
    return kept, removed


def _caption_above(kept: list[Line]) -> int | None:
    """The line just above a picture credit (a blank line apart at most), short and not a sentence:
    the picture's caption or alt text. Its index in ``kept``, or None."""
    at = len(kept) - 1
    if at >= 0 and not kept[at].text:
        at -= 1
    if at < 0 or not kept[at].text:
        return None
    text = kept[at].text
    if read_date_line(text):  # the dateline above a picture is not its caption
        return None
    short = CAPTION_MIN_WORDS <= len(text.split()) <= CAPTION_MAX_WORDS
    return at if short and not text.rstrip("’”'\")").endswith((".", "!", "?", ":")) else None


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= SENTENCE_MIN_WORDS and text.rstrip("’”'\")").endswith((".", "!", "?"))
