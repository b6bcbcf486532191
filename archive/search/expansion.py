"""The glossary as a thesaurus in the query tree: words naming a policy term or a body match
any of the entry's names, and pieces tagged with it rank higher.

Pure: the parsed query (archive.search.query) and a Thesaurus (archive.search.thesaurus) in,
a rewritten tree and what was expanded out. A run of words naming an entry ("PCNs",
"primary care networks") becomes one AnyOf inside the AllOf: the words as typed (each still
required, anywhere in the piece, so expanding never loses a piece the words found), or any
other name of the entry as a phrase. Quoted phrases, ``=literal`` words and ``-exclusions``
are never expanded: what the reader spelled out is searched as spelled.
"""

from collections.abc import Mapping
from dataclasses import replace

from archive.search.query import AllOf, AnyOf, Phrase, Word
from archive.search.thesaurus import Expansion, Part, Thesaurus, acronym_forms


def expand(tree: AllOf, thesaurus: Thesaurus, ids: Mapping | None = None) -> tuple[AllOf, list[Expansion]]:
    """``ids`` maps an entry's key (("term", slug)) to its id in the index's facet field, for the
    tag boost; an entry without one is expanded without a boost."""
    parts = []  # for the thesaurus, with item indexes as offsets
    for index, item in enumerate(tree.items):
        if isinstance(item, Word):
            parts.append(Part(item.text, index, index + 1, literal=item.literal))
        else:
            # A phrase, an exclusion or an OR group ends a run of words: a name never spans it.
            parts.append(Part("OR", index, index + 1, operator=True))
    expansions = [found for found in thesaurus.expand_parts(parts) if found.alternatives]
    by_start: dict[int, list[Expansion]] = {}
    for found in expansions:
        by_start.setdefault(found.start, []).append(found)
    items, index = [], 0
    while index < len(tree.items):
        if index in by_start:
            group = by_start[index]
            end = group[0].end
            typed = tree.items[index:end]
            items.append(_alternatives(typed, group, ids))
            index = end
        else:
            items.append(tree.items[index])
            index += 1
    expanded, in_groups = _expand_groups(AllOf(tuple(items)), thesaurus, ids)
    return expanded, _with_offsets(tree, expansions) + in_groups


def _expand_groups(tree: AllOf, thesaurus: Thesaurus, ids) -> tuple[AllOf, list[Expansion]]:
    """Each word of an ``a OR b`` group expanded on its own."""
    found_all: list[Expansion] = []
    items = []
    for item in tree.items:
        if isinstance(item, AnyOf) and not item.label:  # a reader's OR group, not an expansion
            options = []
            for option in item.items:
                found = []
                if isinstance(option, Word) and not option.literal:
                    part = Part(option.text, 0, 1)
                    found = [e for e in thesaurus.expand_parts([part]) if e.alternatives]
                if found:
                    options.append(_alternatives((option,), found, ids))
                    found_all += _with_offsets(AllOf((option,)), found)
                else:
                    options.append(option)
            items.append(AnyOf(tuple(options)))
        else:
            items.append(item)
    return AllOf(tuple(items)), found_all


def _alternatives(typed: tuple, group: list[Expansion], ids) -> AnyOf:
    """The words as typed, or any other name of the entries they name."""
    typed_item = typed[0] if len(typed) == 1 else AllOf(tuple(typed))
    options: list = [typed_item]
    tags = []
    for found in group:
        # Its acronyms always, even when typed ("pcns" in lower case finds "PCN" too).
        acronyms = [name for name in found.entry.names if len(acronym_forms(name)) > 1]
        for name in (*found.alternatives, *acronyms):
            option = Word(name) if len(name.split()) == 1 else Phrase(name)
            if option not in options:
                options.append(option)
        facet, _ = found.entry.key
        if ids and found.entry.key in ids:
            tags.append((facet, ids[found.entry.key]))
    return AnyOf(tuple(options), tags=tuple(dict.fromkeys(tags)), label=group[0].matched)


def _with_offsets(tree: AllOf, expansions: list[Expansion]) -> list[Expansion]:
    """The expansions with the query's character offsets in place of item indexes."""
    result = []
    for found in expansions:
        first, last = tree.items[found.start], tree.items[found.end - 1]
        result.append(replace(found, start=first.start, end=last.end))
    return result
