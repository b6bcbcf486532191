"""One piece (an article or a blog post): title, standfirst, body blocks, pull quotes, bylines."""

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from archive.blocks import Block
from archive.parser.calendar import parse_dateline
from archive.parser.comments import ParsedComment, match_header, split_comments
from archive.parser.furniture import declared_comment_count, is_comments_header
from archive.parser.text import Line, words

TITLE_MAX_CHARS = 120
TITLE_MAX_WORDS = 18
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 12
PULL_QUOTE_MAX_WORDS = 60
PULL_QUOTE_MIN_RUN = 5  # words a pull quote must share, in a row, with the body

OPENING_QUOTES = "‘“'\""
CLOSING_QUOTES = "’”'\""
BULLET = re.compile(r"^[•●▪◦·*-]\s+")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+")
NAME = re.compile(r"(?:(?:Dr|Prof|Professor|Sir|Dame|Mr|Mrs|Ms)\.? )?[A-Z][\w'’-]+(?: [A-Z][\w'’.-]*){1,3}")
BY_LINE = re.compile(r"(?:by|posted by|written by)\s+(?P<names>.+)", re.I)
HEADER_LINES_TO_SCAN = 5  # datelines and "By ..." lines sit just under the title


@dataclass
class ParsedPiece:
    title: str | None
    title_supplied: bool
    standfirst: str
    blocks: list[Block]
    pull_quotes: list[str]
    bylines: list[str]
    published: date | None  # a date line printed with the piece, e.g. "4 April 2023"
    comments: list[ParsedComment]
    declared_comment_count: int | None
    source_text: str
    warnings: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


def ends_like_sentence(text: str) -> bool:
    return text.rstrip(CLOSING_QUOTES + ")").endswith((".", ",", ";", ":", "!")) or text.endswith(("…",))


def is_quoted(text: str) -> bool:
    return len(text) > 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES


def looks_like_title(text: str) -> bool:
    return (
        0 < len(text) <= TITLE_MAX_CHARS
        and len(text.split()) <= TITLE_MAX_WORDS
        and not text.endswith(".")
        and not is_quoted(text)
        and (text[0].isupper() or text[0].isdigit() or text[0] in OPENING_QUOTES)
    )


def looks_like_heading(text: str) -> bool:
    return (
        0 < len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and not ends_like_sentence(text)
        and not is_quoted(text)
        and (text[0].isupper() or text[0].isdigit())
    )


def same_text(a: str, b: str) -> bool:
    return words(a) == words(b) and bool(words(a))


def parse_piece(lines: list[Line], *, title: str | None = None) -> ParsedPiece:
    """Parse the lines of one piece; ``title`` is a curator's title that overrides detection."""
    warnings: list[str] = []
    body_lines, comment_lines, declared = _split_off_comments(lines)
    comments, preamble = split_comments(comment_lines)
    for line in preamble:
        warnings.append(f"Line {line.number} before the first comment was not imported: “{line.text[:80]}”.")
    if declared is not None and declared != len(comments):
        warnings.append(f"The comments header says {declared} comments; found {len(comments)}.")

    content = [line for line in body_lines if line.text]
    detected_title, news_layout, content = _take_title(content, title)
    if title:
        final_title, title_supplied = title.strip(), detected_title is None
    else:
        final_title, title_supplied = detected_title, False
        if detected_title is None:
            warnings.append("No title found: supply one (it will be marked as supplied by a curator).")

    published, by_names, content = _take_header_lines(content)
    standfirst = ""
    if news_layout and content and not looks_like_heading(content[0].text):
        standfirst, content = content[0].text, content[1:]

    bylines, content = _take_bylines(content)
    bylines = [*by_names, *(name for name in bylines if name not in by_names)]
    pull_quotes, content = _take_pull_quotes(content, standfirst)
    blocks = _classify(content)
    if _renumber_copied_lists(blocks):
        warnings.append("Every numbered item read “1.” (a copying artefact); they were numbered in order.")
    return ParsedPiece(
        title=final_title,
        title_supplied=title_supplied,
        standfirst=standfirst,
        blocks=blocks,
        pull_quotes=pull_quotes,
        bylines=bylines,
        published=published,
        comments=comments,
        declared_comment_count=declared,
        source_text="\n".join(line.text for line in lines).strip(),
        warnings=warnings,
    )


def _split_off_comments(lines: list[Line]):
    """Body lines, comment-section lines, and the count the comments header declares."""
    for index, line in enumerate(lines):
        if is_comments_header(line.text):
            return lines[:index], lines[index + 1 :], declared_comment_count(line.text)
        if match_header(line):
            return lines[:index], lines[index:], None
    return lines, [], None


def _take_title(content: list[Line], title: str | None):
    """The detected title (or None), whether it was printed twice, and the remaining lines."""
    if not content:
        return None, False, content
    first = content[0].text
    if title and not same_text(first, title):
        return None, False, content
    if not title and not looks_like_title(first):
        return None, False, content
    rest = content[1:]
    printed_twice = bool(rest) and same_text(rest[0].text, first)
    if printed_twice:
        rest = rest[1:]
    return first, printed_twice, rest


def _take_header_lines(content: list[Line]):
    """A date line and "By ..." lines just under the title: the piece's date and authors."""
    published: date | None = None
    names: list[str] = []
    kept: list[Line] = []
    for position, line in enumerate(content):
        if position < HEADER_LINES_TO_SCAN:
            if published is None and (found := parse_dateline(line.text)):
                published = found
                continue
            if (by := BY_LINE.fullmatch(line.text)) and (by_names := _names(by["names"])):
                names.extend(by_names)
                continue
        kept.append(line)
    return published, names, kept


def _names(text: str) -> list[str]:
    """ "Jane Doe and John Roe" -> both names; [] unless every part looks like a name."""
    parts = [part.strip() for part in re.split(r",\s*|\s+and\s+|\s*&\s*", text.strip()) if part.strip()]
    if parts and all(NAME.fullmatch(part) for part in parts):
        return parts
    return []


def _take_bylines(content: list[Line]):
    """A short name printed on two or more consecutive lines is a byline under photos."""
    bylines: list[str] = []
    kept: list[Line] = []
    index = 0
    while index < len(content):
        text = content[index].text
        run = 1
        while index + run < len(content) and content[index + run].text == text:
            run += 1
        if run >= 2 and NAME.fullmatch(text):
            if text not in bylines:
                bylines.append(text)
        else:
            kept.extend(content[index : index + run])
        index += run
    return bylines, kept


def _take_pull_quotes(content: list[Line], standfirst: str):
    """A quoted line whose words are repeated elsewhere in the piece is a pull quote."""
    candidates = {
        line.number
        for line in content
        if is_quoted(line.text) and len(words(line.text)) <= PULL_QUOTE_MAX_WORDS
    }
    others = [words(line.text) for line in content if line.number not in candidates]
    if standfirst:
        others.append(words(standfirst))
    # Index the other lines by their 5-word runs, so each quote is compared only with
    # lines that share at least one run (a repeat needs 5 or more words in a row).
    by_run: dict[tuple[str, ...], set[int]] = {}
    for index, other in enumerate(others):
        for run in _runs(other):
            by_run.setdefault(run, set()).add(index)
    pull_quotes: list[str] = []
    for line in content:
        if line.number not in candidates:
            continue
        quote_words = words(line.text)
        needed = max(PULL_QUOTE_MIN_RUN, int(len(quote_words) * 0.6))
        nearby = set().union(*(by_run.get(run, ()) for run in _runs(quote_words)))
        if any(_longest_shared_run(quote_words, others[index]) >= needed for index in nearby):
            pull_quotes.append(line.text)
    kept = [line for line in content if line.text not in pull_quotes]
    return pull_quotes, kept


def _runs(word_list: list[str]) -> set[tuple[str, ...]]:
    size = PULL_QUOTE_MIN_RUN
    return {tuple(word_list[start : start + size]) for start in range(len(word_list) - size + 1)}


def _longest_shared_run(a: list[str], b: list[str]) -> int:
    if not a or not b:
        return 0
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def _classify(content: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    for position, line in enumerate(content):
        text = line.text
        number = len(blocks) + 1
        is_last = position == len(content) - 1
        if bullet := BULLET.match(text):
            blocks.append(Block("bullet", text[bullet.end() :], number))
        elif numbered := NUMBERED.match(text):
            rest = text[numbered.end() :]
            if looks_like_heading(rest) and not is_last:
                blocks.append(Block("heading", f"{numbered.group(1)}. {rest}", number))
            else:
                blocks.append(Block("numbered", rest, number, numbered.group(1)))
        elif looks_like_heading(text) and not is_last:
            blocks.append(Block("heading", text, number))
        else:
            blocks.append(Block("paragraph", text, number))
    return blocks


def _renumber_copied_lists(blocks: list[Block]) -> bool:
    """Number items 1, 2, 3... when a browser copy printed each as "1." (one list per item).

    Returns whether it renumbered. Only done when there are several numbered
    items and headings and every one of them says 1, so real numbering is never touched.
    """
    numbered = [i for i, block in enumerate(blocks) if _item_number(block) is not None]
    if len(numbered) < 2 or any(_item_number(blocks[i]) != "1" for i in numbered):
        return False
    for count, index in enumerate(numbered, start=1):
        block = blocks[index]
        if block.kind == "heading":
            blocks[index] = block._replace(text=f"{count}. {block.text.split('. ', 1)[1]}")
        else:
            blocks[index] = block._replace(label=str(count))
    return True


def _item_number(block: Block) -> str | None:
    if block.kind == "numbered":
        return block.label
    if block.kind == "heading" and (match := NUMBERED.match(block.text)):
        return match.group(1)
    return None
