"""The tagger: finds mentions of organisations and policy terms in text.

Pure Python. Matching rules:
- an ALL-CAPS name ("ICB", "A&G", "GPC") is an acronym: matched case-sensitively,
  with an optional plural or possessive ("ICBs", "ICB's", "ICBs’");
- any other name is a phrase: matched case-insensitively, spaces matching any run
  of whitespace, with an optional plural "s";
- matches never start or end inside a word ("BMA" is not found in "BMAX");
- where names overlap, the longest wins, so "GPC England" is one mention of the
  GPC and not also one of something called "England".
"""

import re
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

_ACRONYM = re.compile(r"[A-Z0-9&/+-]*[A-Z][A-Z0-9&/+-]*")


class TagEntry(NamedTuple):
    key: Hashable  # what a match is reported as, e.g. ("organisation", "bma")
    names: list[str]


class Mention(NamedTuple):
    key: Hashable
    start: int
    end: int
    text: str


def _pattern_for(name: str) -> tuple[str, bool]:
    """A regex for one name, and whether it is case-sensitive."""
    name = " ".join(name.split())
    if _ACRONYM.fullmatch(name):
        return re.escape(name) + r"(?:s|['’]s|s['’])?", True
    words = [re.escape(word) for word in name.split(" ")]
    body = r"\s+".join(words)
    if name[-1].isalpha():
        body += r"(?:s|['’]s)?"
    return body, False


@dataclass
class Tagger:
    _case_sensitive: re.Pattern | None
    _case_insensitive: re.Pattern | None
    _keys: dict[tuple[bool, str], Hashable]

    @classmethod
    def build(cls, entries: Iterable[TagEntry]) -> "Tagger":
        groups: dict[bool, list[tuple[str, str]]] = {True: [], False: []}
        keys: dict[tuple[bool, str], Hashable] = {}
        for index, entry in enumerate(entries):
            seen = set()
            for name in entry.names:
                if not name or not name.strip() or name in seen:
                    continue
                seen.add(name)
                pattern, case_sensitive = _pattern_for(name)
                group = f"n{index}_{len(seen)}"
                groups[case_sensitive].append((group, pattern))
                keys[(case_sensitive, group)] = entry.key

        def compile_group(items, flags):
            if not items:
                return None
            # Longest alternatives first so the regex prefers "GPC England" to "GPC".
            items = sorted(items, key=lambda item: -len(item[1]))
            alternation = "|".join(f"(?P<{group}>{pattern})" for group, pattern in items)
            return re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])", flags)

        return cls(
            compile_group(groups[True], 0),
            compile_group(groups[False], re.IGNORECASE),
            keys,
        )

    def find(self, text: str) -> list[Mention]:
        """All mentions in text order, longest-leftmost where names overlap."""
        found: list[Mention] = []
        for case_sensitive, pattern in ((True, self._case_sensitive), (False, self._case_insensitive)):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                key = self._keys[(case_sensitive, match.lastgroup)]
                found.append(Mention(key, match.start(), match.end(), match.group()))
        found.sort(key=lambda mention: (mention.start, -(mention.end - mention.start)))
        chosen: list[Mention] = []
        for mention in found:
            if chosen and mention.start < chosen[-1].end:
                continue  # overlaps a longer or earlier mention
            chosen.append(mention)
        return chosen

    def count(self, text: str) -> Counter:
        return Counter(mention.key for mention in self.find(text))
