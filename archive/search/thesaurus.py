"""The glossary as a thesaurus: which words of a query name a policy term or a body, and
what else the archive's glossary calls it ("PCN" is also "primary care network(s)").

Pure Python over strings: the caller supplies the entries (archive.models.taxonomy's names,
abbreviations and aliases, see ``entries_from``) and the query text, and gets back which
spans of the query name an entry, with that entry's other names to search for too and a
sentence for the reader. Nothing here knows about the search engine.

Matching rules, chosen to agree with the tagger (archive.tagger) where a query allows it:
- a name matches a run of consecutive plain query words, ignoring case and punctuation
  around words ("King's Fund", "NHSE/I" and "A&G" keep their inner marks);
- singular and plural match each other word by word ("PCNs" → "PCN", "networks" →
  "network", "bodies" → "body"), so acronym plurals need no aliases; a word is only made
  singular while at least three letters remain, so "ONS" never matches the word "on";
- where names overlap, the longest wins ("GPC England" rather than something called
  "England"), reading the query left to right;
- a word written ``=word`` is literal and never expanded, nor is a quoted phrase (web
  search's "verbatim"), unless the caller asks for quoted phrases to be expanded;
- ``OR`` and quotes end a run: a name never spans them.
"""

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

LITERAL_MARK = "="
_PART = re.compile(r'(?P<neg>-?)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_EDGE = re.compile(r"^[^\w&]+|[^\w&]+$")  # punctuation around a word, not inside it
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@dataclass(frozen=True)
class Entry:
    """One glossary entry: a policy term or an organisation."""

    key: Hashable  # what the caller knows it by, e.g. ("term", "primary-care-network")
    name: str
    abbreviation: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        """Every name, each once, the name first, then the abbreviation, then the aliases."""
        return list(
            dict.fromkeys(
                " ".join(n.split()) for n in (self.name, self.abbreviation, *self.aliases) if n.strip()
            )
        )

    @property
    def label(self) -> str:
        return self.abbreviation or self.name


class Part(NamedTuple):
    """A piece of a query: a word, a quoted phrase, or the operator OR."""

    text: str  # the words, without marks (no quotes, no leading - or =)
    start: int  # character offsets of the whole part in the query, marks included
    end: int
    quoted: bool = False
    excluded: bool = False
    literal: bool = False  # written =word
    operator: bool = False  # OR


@dataclass(frozen=True)
class Expansion:
    """A span of the query that names an entry, and the entry's other names."""

    entry: Entry
    matched: str  # the query's words as typed, e.g. "PCNs"
    start: int  # character offsets in the query
    end: int
    alternatives: tuple[str, ...]  # the entry's names other than the one typed (and its plural)
    excluded: bool = False  # the span was an exclusion (-PCN): the caller decides what that means
    quoted: bool = False

    @property
    def description(self) -> str:
        """For the reader: "PCN: also primary care network(s)"."""
        if not self.alternatives:
            return ""
        return f"{self.matched}: also {_describe_names(self.alternatives)}"


@dataclass
class Thesaurus:
    """Entries indexed by their names' normalised words (see ``words_key``)."""

    entries: list[Entry] = field(default_factory=list)
    _by_key: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict, repr=False)
    _longest: int = 0

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> "Thesaurus":
        thesaurus = cls(entries=list(entries))
        for entry in thesaurus.entries:
            for name in entry.names:
                key = words_key(name.split())
                if not key:
                    continue
                found = thesaurus._by_key.setdefault(key, [])
                if entry not in found:
                    found.append(entry)
                thesaurus._longest = max(thesaurus._longest, len(key))
        return thesaurus

    def expand(self, query: str, *, expand_quoted: bool = False) -> list[Expansion]:
        """Every span of ``query`` that names an entry, left to right."""
        return self.expand_parts(split_query(query), expand_quoted=expand_quoted)

    def expand_parts(self, parts: Sequence[Part], *, expand_quoted: bool = False) -> list[Expansion]:
        """As ``expand``, for a query already split into parts (by ``split_query``, or by the
        engine's own parser: offsets are the caller's)."""
        expansions: list[Expansion] = []
        run: list[Part] = []  # consecutive plain words (of the same sign)

        def flush():
            expansions.extend(self._expand_run(run))
            run.clear()

        for part in parts:
            if part.operator or part.literal:
                flush()
            elif part.quoted:
                flush()
                if expand_quoted:
                    expansions.extend(self._expand_phrase(part))
            else:
                if run and run[-1].excluded != part.excluded:
                    flush()
                run.append(part)
                if part.excluded:  # -word excludes that word alone: "-primary care" is two parts
                    flush()
        flush()
        return expansions

    def lookup(self, words: Sequence[str]) -> list[Entry]:
        """The entries that these words, exactly, name."""
        return list(self._by_key.get(words_key(words), []))

    def _expand_run(self, run: list[Part]) -> list[Expansion]:
        found = []
        index = 0
        while index < len(run):
            for length in range(min(self._longest, len(run) - index), 0, -1):
                span = run[index : index + length]
                entries = self.lookup([part.text for part in span])
                if entries:
                    start, end = span[0].start, span[-1].end
                    matched = " ".join(part.text for part in span)
                    for entry in entries:
                        found.append(_expansion(entry, matched, start, end, excluded=span[0].excluded))
                    index += length
                    break
            else:
                index += 1
        return found

    def _expand_phrase(self, part: Part) -> list[Expansion]:
        entries = self.lookup(part.text.split())
        return [
            _expansion(entry, part.text, part.start, part.end, excluded=part.excluded, quoted=True)
            for entry in entries
        ]


def _expansion(entry: Entry, matched: str, start: int, end: int, **flags) -> Expansion:
    typed = words_key(matched.split())
    # A name holding the words typed ("GPC England" for "GPC") finds nothing they do not find.
    alternatives = tuple(name for name in entry.names if not _holds(words_key(name.split()), typed))
    return Expansion(entry, matched, start, end, alternatives, **flags)


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def split_query(query: str) -> list[Part]:
    """The query in web-search syntax as parts: words, "quoted phrases", -exclusions, OR,
    and =literal words. An unclosed quote runs to the end of the query."""
    parts = []
    for match in _PART.finditer(query):
        excluded = bool(match.group("neg"))
        if match.group("phrase") is not None:
            text = " ".join(match.group("phrase").split())
            if text:
                parts.append(Part(text, match.start(), match.end(), quoted=True, excluded=excluded))
            continue
        word = match.group("word")
        if word == "OR" and not excluded:
            parts.append(Part(word, match.start(), match.end(), operator=True))
            continue
        literal = word.startswith(LITERAL_MARK)
        text = _EDGE.sub("", word.lstrip(LITERAL_MARK))
        if text:
            parts.append(Part(text, match.start(), match.end(), excluded=excluded, literal=literal))
    return parts


def singular(word: str) -> str:
    """A lower-case word made singular for matching (not for showing): "pcns" → "pcn",
    "bodies" → "body", "networks" → "network"; "ons", "gps", "class" and "status" stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def acronym_forms(word: str) -> list[str]:
    """An acronym as written and in its other number: "PCN" → ["PCN", "PCNs"], "ICBs" →
    ["ICBs", "ICB"]. The stemmer leaves "PCNs" alone (no vowel before the s), so a search asks
    for both; a word that is not an acronym is just itself."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return [word, word + "s"]
    if len(letters) >= 3 and word.endswith("s") and all(c.isupper() for c in letters[:-1]):
        return [word, word[:-1]]
    return [word]


def words_key(words: Sequence[str]) -> tuple[str, ...]:
    """Words as the thesaurus compares them: lower case, singular, with no punctuation
    around them, a possessive 's dropped and every apostrophe written the same way."""
    key = []
    for word in words:
        word = _EDGE.sub("", word.translate(_APOSTROPHES).lower())
        if word.endswith("'s") and len(word) > 3:
            word = word[:-2]
        elif word.endswith("s'"):
            word = word[:-1]
        if word:
            key.append(singular(word))
    return tuple(key)


def _describe_names(names: Sequence[str]) -> str:
    """Names for the reader, with a name's singular and plural written once: "network(s)"."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in names:
        groups.setdefault(words_key(name.split()), []).append(name)
    shown = []
    for variants in groups.values():
        plurals = [name for name in variants if _is_plural(name)]
        singulars = [name for name in variants if not _is_plural(name)]
        pool = singulars + [_singular_form(name) for name in plurals]
        # An alias in lower case reads better in a sentence than a title-cased name.
        base = next((name for name in pool if not name[:1].isupper()), pool[0])
        shown.append(base + ("(s)" if plurals else ""))
    shown = list(dict.fromkeys(shown))
    if len(shown) <= 2:
        return " or ".join(shown)
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_plural(name: str) -> bool:
    last = _EDGE.sub("", name.split()[-1])
    if _is_acronym(last):  # "APMS", "ARRS": an acronym's own S is not a plural
        return False
    if _is_acronym(last[:-1]) and last.endswith("s"):  # "PCNs"
        return True
    if last[:1].isupper():  # a title's "Services" names one thing
        return False
    return singular(last) != last


def _singular_form(name: str) -> str:
    *words, last = name.split()
    if last.lower().endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s"):
        last = last[:-1]
    return " ".join([*words, last])


def literal_query(query: str, expansion: Expansion) -> str:
    """The query with one expanded span marked literal, for "search for PCN only": a word
    as ``=PCN``, several words as a quoted phrase (which is never expanded)."""
    span = query[expansion.start : expansion.end]
    sign = "-" if span.startswith("-") else ""
    body = span[len(sign) :]
    if " " in expansion.matched:
        marked = f'{sign}"{expansion.matched}"'
    elif body.startswith('"'):
        marked = span  # a quoted phrase is literal already
    else:
        marked = f"{sign}{LITERAL_MARK}{body}"
    return query[: expansion.start] + marked + query[expansion.end :]


def entries_from(rows: Iterable[tuple[Hashable, str, str, Iterable[str]]]) -> list[Entry]:
    """Entries from (key, name, abbreviation, aliases) rows, e.g. a values_list of the
    glossary's models with a key made by the caller."""
    return [
        Entry(key, name, abbreviation or "", tuple(aliases or ()))
        for key, name, abbreviation, aliases in rows
    ]
