"""An article body is plain text in blocks; this turns it into typed, numbered blocks.

Format (written by the importer, editable by curators): blank lines separate
blocks; a block starting ``## `` is a sub-heading, ``- `` a bullet item and
``1. `` a numbered item; anything else is a paragraph. Every block gets a
number (its place); its ``#p-<id>`` anchor on the article page is its stable id
(archive.services.paragraph_ids), which stays with it when other blocks are added or removed.
"""

import re
from typing import NamedTuple

HEADING_PREFIX = "## "
BULLET_PREFIX = "- "
NUMBERED_ITEM = re.compile(r"^(\d{1,3})\.\s+")


class Block(NamedTuple):
    kind: str  # "heading", "paragraph", "bullet" or "numbered"
    text: str
    number: int
    label: str = ""  # the item number of a numbered item, e.g. "3"
    block_id: int = 0  # its stable id across revisions (archive.services.paragraph_ids), when known

    @property
    def anchor(self) -> str:
        return f"p-{self.block_id or self.number}"


class LinkedBlock(NamedTuple):
    """A block with its text split into (text, policy term or None) segments for the page."""

    kind: str
    text: str
    number: int
    label: str = ""
    block_id: int = 0
    segments: list = []

    @property
    def anchor(self) -> str:
        return f"p-{self.block_id or self.number}"


def split_blocks(body: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        text = chunk.strip()
        if not text:
            continue
        number = len(blocks) + 1
        if text.startswith(HEADING_PREFIX):
            blocks.append(Block("heading", text[len(HEADING_PREFIX) :].strip(), number))
        elif text.startswith(BULLET_PREFIX):
            blocks.append(Block("bullet", text[len(BULLET_PREFIX) :].strip(), number))
        elif match := NUMBERED_ITEM.match(text):
            blocks.append(Block("numbered", text[match.end() :].strip(), number, match.group(1)))
        else:
            blocks.append(Block("paragraph", text, number))
    return blocks


def join_blocks(blocks: list[Block]) -> str:
    """The inverse of split_blocks: the body text for a list of blocks."""
    parts = []
    for block in blocks:
        if block.kind == "paragraph":
            parts.append(block.text)
            continue
        one_line = " ".join(block.text.split())
        if block.kind == "heading":
            parts.append(HEADING_PREFIX + one_line)
        elif block.kind == "bullet":
            parts.append(BULLET_PREFIX + one_line)
        else:
            parts.append(f"{block.label or 1}. {one_line}")
    return "\n\n".join(parts)


def group_lists(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Group consecutive bullet or numbered items so templates can draw <ul>/<ol>."""
    groups: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.kind in ("bullet", "numbered") and groups and groups[-1][0] == block.kind:
            groups[-1][1].append(block)
        else:
            groups.append((block.kind, [block]))
    return groups
