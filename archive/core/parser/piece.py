"""One piece (an article or a blog post): title, standfirst, body blocks, pull quotes, bylines."""

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from archive.core.blocks import Block
from archive.core.parser.comments import ParsedComment, split_comments, starts_comments
from archive.core.parser.furniture import (
    FOOTER_START,
    QUOTED_IN_HEADER,
    declared_comment_count,
    is_comments_header,
)
from archive.core.parser.header import (
    is_quoted,
    is_sentence,
    looks_like_title,
    read_header,
    same_text,
)
from archive.core.parser.names import CLOSING_QUOTES, NAME, ends_like_sentence
from archive.core.parser.text import Line, words
from archive.core.parser.wrapping import join_wrapped, keep_short_runs

__all__ = ["ParsedPiece", "looks_like_title", "parse_piece", "same_text"]

HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 12
PULL_QUOTE_MAX_WORDS = 60
PULL_QUOTE_MIN_RUN = 5  # words a pull quote must share, in a row, with the body
TAG_MAX_WORDS = 3
TAGS_MAX = 6

BULLET = re.compile(r"^[•●▪◦·*-]\s+")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+")


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
    # What was read and from where, for the curator's preview.
    published_precision: str = "unknown"  # "day" or "month" when a date is printed
    date_line: str = ""  # the printed line the date was read from
    date_line_number: int | None = None
    title_line_number: int | None = None  # the line the title was read from; None when not printed
    title_line: str = ""  # that line as printed ("Healthcare Leader - ICBs asked to ...")
    author_lines: list[str] = field(default_factory=list)  # the printed lines the authors came from
    publication: str | None = None  # the site's name, when the paste prints it
    furniture_removed: list[str] = field(default_factory=list)  # header, footer and signature lines

    @property
    def body_text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def title_printed(self) -> bool:
        return self.title_line_number is not None


def looks_like_heading(text: str) -> bool:
    return (
        0 < len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and not ends_like_sentence(text)
        and not is_quoted(text)
        and "\n" not in text
        and (text[0].isupper() or text[0].isdigit())
    )


def parse_piece(lines: list[Line], *, title: str | None = None) -> ParsedPiece:
    """Parse the lines of one piece; ``title`` is a curator's title that overrides detection."""
    warnings: list[str] = []
    body_lines, comment_lines, heading = _split_off_comments(lines)
    declared = declared_comment_count(heading) if heading else None
    comments, preamble = split_comments(comment_lines)
    for line in preamble:
        warnings.append(f"Line {line.number} before the first comment was not imported: “{line.text[:80]}”.")
    if declared is not None and declared != len(comments):
        warnings.append(f"The comments header says {declared} comments; found {len(comments)}.")

    content, footer = _cut_footer(join_wrapped([line for line in body_lines if line.text]))
    quoted = QUOTED_IN_HEADER.fullmatch(heading) if heading else None
    header = read_header(content, given_title=title, quoted_title=quoted.group(1) if quoted else None)
    warnings.extend(header.warnings)
    if title:
        final_title, title_supplied = title.strip(), header.title is None
    else:
        final_title, title_supplied = header.title, False
        if header.title is None:
            warnings.append("No title found: supply one (it will be marked as supplied by a curator).")

    content = header.body
    standfirst = ""
    if header.standfirst_line is not None and header.standfirst_line in content:
        standfirst = header.standfirst_line.text
        content = [line for line in content if line is not header.standfirst_line]
    elif header.printed_twice and content and not looks_like_heading(content[0].text):
        standfirst, content = content[0].text, content[1:]

    bylines, content = _take_bylines(content)
    bylines = [*header.authors, *(name for name in bylines if name not in header.authors)]
    pull_quotes, content = _take_pull_quotes(content, standfirst)
    blocks = _classify(keep_short_runs(content))
    if _renumber_copied_lists(blocks):
        warnings.append("Every numbered item read “1.” (a copying artefact); they were numbered in order.")
    return ParsedPiece(
        title=final_title,
        title_supplied=title_supplied,
        standfirst=standfirst,
        blocks=blocks,
        pull_quotes=pull_quotes,
        bylines=bylines,
        published=header.published,
        comments=comments,
        declared_comment_count=declared,
        source_text="\n".join(line.text for line in lines).strip(),
        warnings=warnings,
        published_precision=header.precision if header.published else "unknown",
        date_line=header.date_line.text if header.date_line else "",
        date_line_number=header.date_line.number if header.date_line else None,
        title_line_number=header.title_line.number if header.title_line else None,
        title_line=header.title_line.text if header.title_line else "",
        author_lines=header.author_lines,
        publication=header.publication,
        furniture_removed=[*header.removed, *footer],
    )


def _split_off_comments(lines: list[Line]):
    """Body lines, comment-section lines, and the comments heading (or "")."""
    prose_seen = False
    for index, line in enumerate(lines):
        if not line.text:
            continue
        if is_comments_header(line.text) and prose_seen:  # above the text it is a link to them
            return lines[:index], lines[index + 1 :], line.text
        if starts_comments(lines, index):
            return lines[:index], lines[index:], ""
        prose_seen = prose_seen or is_sentence(line.text)
    return lines, [], ""


def _cut_footer(content: list[Line]) -> tuple[list[Line], list[str]]:
    """A footer ("Related", "Share this:", "Written by ...") ends the text; the tags just above it go too."""
    started = False
    for index, line in enumerate(content):
        if FOOTER_START.fullmatch(line.text) and started:
            start = index
            while (
                index - start < TAGS_MAX
                and start > 0
                and _is_tag(content[start - 1].text)
                and content[start].number - content[start - 1].number > 1  # tags stand apart, not a signature
            ):
                start -= 1
            start = _tag_block_above(content, start)
            return content[:start], [line.text for line in content[start:]]
        started = started or is_sentence(line.text)
    return content, []


def _is_tag(text: str) -> bool:
    return len(text.split()) <= TAG_MAX_WORDS and not ends_like_sentence(text) and "\n" not in text


def _tag_block_above(content: list[Line], end: int) -> int:
    """Where a block of topic tags on consecutive lines, just above ``end``, starts (``end`` if none).

    The block stands apart from the text's last sentence and names no one, unlike a signature."""
    start = end
    while (
        end - start < TAGS_MAX
        and start > 0
        and _is_tag(content[start - 1].text)
        and not NAME.fullmatch(content[start - 1].text)
        and (start == end or content[start].number - content[start - 1].number == 1)
    ):
        start -= 1
    if start == end or start == 0:
        return end
    above = content[start - 1]
    apart = content[start].number - above.number > 1
    return start if apart and above.text.rstrip(CLOSING_QUOTES).endswith((".", "!", "?")) else end


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
        if "\n" in text:  # lines the author broke: an address, verse, a signature
            blocks.append(Block("paragraph", text, number))
        elif bullet := BULLET.match(text):
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
