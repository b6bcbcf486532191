"""Glossary links: the first mention of each policy term in each section of an article.

Pure Python over blocks of text; the view supplies the finder (the tagger) and
turns each segment's key into a link.
"""

from collections.abc import Callable, Hashable
from typing import NamedTuple

from archive.core.tagger import Mention


class Segment(NamedTuple):
    text: str
    key: Hashable | None = None  # the term this text names, when it is to be linked


def link_first_mentions(
    blocks: list[tuple[str, str]], find: Callable[[str], list[Mention]]
) -> list[list[Segment]]:
    """Split each (kind, text) block into segments; a heading starts a new section."""
    linked_in_section: set[Hashable] = set()
    result = []
    for kind, text in blocks:
        if kind == "heading":
            linked_in_section = set()
            result.append([Segment(text)])
            continue
        segments, position = [], 0
        for mention in find(text):
            if mention.key in linked_in_section:
                continue
            linked_in_section.add(mention.key)
            if mention.start > position:
                segments.append(Segment(text[position : mention.start]))
            segments.append(Segment(text[mention.start : mention.end], mention.key))
            position = mention.end
        if position < len(text):
            segments.append(Segment(text[position:]))
        result.append(segments)
    return result
