"""Web-search syntax parsed once into a small tree: words, "quoted phrases", OR and -exclusions.

The tree is the engine's own and knows nothing of any search library: a backend
compiles it (archive.search.tantivy_backend), and later steps (glossary
expansion, relaxation) can rewrite it before that. The grammar follows
PostgreSQL's websearch_to_tsquery, which the archive's readers already used:
words side by side must all match, ``OR`` between two items lets either match
(it binds tighter than the implied AND), ``-`` before a word or a phrase
excludes it, and anything else is ignored rather than an error.
"""

import re
from dataclasses import dataclass, field

MAX_QUERY_CHARACTERS = 500
LITERAL_MARK = "="  # =PCN: this word only, never its glossary equivalents


@dataclass(frozen=True)
class Word:
    text: str
    literal: bool = False  # written =word
    # Where the item was written in the (cleaned) query, marks included: for the thesaurus's
    # spans and its "this word only" links. Not part of an item's identity.
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class AnyOf:
    """Any of these items (``a OR b``; or the names of one glossary entry, see
    archive.search.expansion). An item may be an AllOf of words: the words as typed."""

    items: tuple
    # A glossary entry's (facet, id) pairs: pieces tagged with one rank higher. Its label
    # is what the reader typed ("PCNs"), for "Missing: PCNs".
    tags: tuple = ()
    label: str = ""


@dataclass(frozen=True)
class Not:
    item: Word | Phrase


@dataclass(frozen=True)
class AllOf:
    """Every item must match (each a Word, Phrase, AnyOf or Not)."""

    items: tuple

    @property
    def positive(self) -> tuple:
        return tuple(item for item in self.items if not isinstance(item, Not))

    @property
    def excluded(self) -> tuple:
        return tuple(item.item for item in self.items if isinstance(item, Not))


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def clean_query_text(text: str) -> str:
    """Strip what no search needs: control characters, and anything past the length limit."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_CHARACTERS]


def parse(text: str) -> AllOf:
    """The query as a tree; never raises (unbalanced quotes close at the end, a lone OR is a no-op).
    Offsets are into ``clean_query_text(text)``."""
    tokens = []  # (negated, item) or "OR"
    for match in _TOKEN.finditer(clean_query_text(text)):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR":
                tokens.append("OR")
                continue
            negated = bare.startswith("-")
            word = bare.lstrip("-")
            literal = word.startswith(LITERAL_MARK)
            word = word.lstrip(LITERAL_MARK) if literal else word
            if not re.search(r"\w", word):
                continue
            tokens.append((negated, Word(word, literal, match.start(), match.end())))
        elif quoted is not None and re.search(r"\w", quoted):
            phrase = Phrase(" ".join(quoted.split()), match.start(), match.end())
            tokens.append((bool(negated), phrase))
    items: list = []
    pending_or = False
    for token in tokens:
        if token == "OR":
            pending_or = bool(items) and not isinstance(items[-1], Not)
            continue
        negated, item = token
        if negated:
            items.append(Not(item))
        elif pending_or:
            previous = items.pop()
            previous_items = previous.items if isinstance(previous, AnyOf) else (previous,)
            items.append(AnyOf((*previous_items, item)))
        else:
            items.append(item)
        pending_or = False
    return AllOf(tuple(items))


def words_of(tree: AllOf) -> list[str]:
    """The positive words and phrase words, in order (for "did you mean" and highlighting)."""
    found = []
    for leaf in leaves(tree.positive):
        found.extend(leaf.text.split())
    return found


def leaves(items) -> list:
    """The Words and Phrases of these items, through any AnyOf and AllOf (not through Not)."""
    found = []
    for item in items:
        if isinstance(item, AnyOf | AllOf):
            found.extend(leaves(item.items))
        elif isinstance(item, Word | Phrase):
            found.append(item)
    return found


def label_of(item) -> str:
    """An item as the reader wrote it, for "Missing: …"."""
    if isinstance(item, Phrase):
        return f"“{item.text}”"
    if isinstance(item, Word):
        return item.text
    if isinstance(item, AnyOf):
        return item.label or " or ".join(label_of(part) for part in item.items)
    if isinstance(item, AllOf):
        return " ".join(label_of(part) for part in item.items)
    return ""
