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
from functools import lru_cache
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


_TOKEN = re.compile(r"[A-Za-z0-9&]+")


def _first_token(name: str) -> str:
    match = _TOKEN.search(name)
    return match.group() if match else ""


@lru_cache(maxsize=8192)
def _compiled(name: str) -> tuple[re.Pattern, bool, str]:
    """A name's regex, whether it is case-sensitive, and its first word. Kept: a tagger is built
    again after every change to the taxonomy and for every import, from mostly the same names, and
    re's own cache (512 patterns, shared with everything else) had let them go: compiling them
    again was most of building one."""
    pattern, case_sensitive = _pattern_for(name)
    compiled = re.compile(rf"(?<![\w&])(?:{pattern})(?![\w&])", 0 if case_sensitive else re.IGNORECASE)
    return compiled, case_sensitive, _first_token(name)


@dataclass
class Tagger:
    """Names indexed by their first word: the text is read word by word, and only the names
    that start with that word are tried there. (One regex of hundreds of alternatives is
    tried at every character, which made tagging an article take milliseconds per block.)"""

    # first word (as written for acronyms, lower-cased for phrases) -> [(pattern, key)]
    _acronyms: dict[str, list[tuple[re.Pattern, Hashable]]]
    _phrases: dict[str, list[tuple[re.Pattern, Hashable]]]

    @classmethod
    def build(cls, entries: Iterable[TagEntry]) -> "Tagger":
        acronyms: dict[str, list] = {}
        phrases: dict[str, list] = {}
        for entry in entries:
            for name in dict.fromkeys(name.strip() for name in entry.names if name and name.strip()):
                compiled, case_sensitive, first = _compiled(name)
                if not first:
                    continue
                if case_sensitive:
                    acronyms.setdefault(first, []).append((compiled, entry.key))
                else:
                    phrases.setdefault(first.lower(), []).append((compiled, entry.key))
        return cls(acronyms, phrases)

    def find(self, text: str) -> list[Mention]:
        """All mentions in text order, longest-leftmost where names overlap."""
        found: list[Mention] = []
        for token in _TOKEN.finditer(text):
            word = token.group()
            candidates = []
            for form in {word, word[:-1] if word.endswith("s") else word}:
                candidates += self._acronyms.get(form, [])
                candidates += self._phrases.get(form.lower(), [])
            for pattern, key in candidates:
                match = pattern.match(text, token.start())
                if match:
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
