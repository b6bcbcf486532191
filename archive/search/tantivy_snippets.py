"""Snippets for the Tantivy backend: a hit's title and its best fragment, escaped and then
marked with the query's words (archive.search.tantivy_backend asks for them)."""

import re

import tantivy

from archive.core.html_format import escape
from archive.search.backend import Highlight, SearchHit

TITLE_CHARACTERS = 400
SNIPPET_CHARACTERS = 240
_WORD = re.compile(r"\w")


def highlight(schema, searcher, positive, hits: list[SearchHit], addresses) -> None:
    """Each hit's title and best fragment with the words of ``positive`` (the query without its
    exclusions) marked, escaped first."""
    generators = {}

    def generator(name: str, characters: int):
        if name not in generators:
            made = tantivy.SnippetGenerator.create(searcher, positive, schema, name)
            made.set_max_num_chars(characters)
            generators[name] = made
        return generators[name]

    for hit, address in zip(hits, addresses, strict=True):
        doc = searcher.doc(address)
        title = None
        if hit.kind == "article":
            title = _marked(doc, "title", generator("title", TITLE_CHARACTERS), whole=True)
            candidates = [
                _marked(doc, name, generator(name, SNIPPET_CHARACTERS)) for name in ("standfirst", "body")
            ]
        else:
            candidates = [_marked(doc, "comment", generator("comment", SNIPPET_CHARACTERS))]
        best = max(candidates, key=lambda found: found[2] if found else -1)
        if best is None or best[2] == 0:
            hit.highlight = Highlight(title[0] if title and title[2] else None, None, None)
        else:
            hit.highlight = Highlight(title[0] if title and title[2] else None, best[0], best[1])


def _marked(doc, name: str, generator, whole: bool = False):
    """(html, plain text, number of highlights) of the field's best fragment, or None if empty.

    Escaped here and only then marked, so nothing from a text reaches the page unescaped;
    Tantivy's ranges are byte offsets into the fragment."""
    text = doc.get_first(name)
    if not text:
        return None
    snippet = generator.snippet_from_doc(doc)
    fragment = snippet.fragment()
    ranges = sorted((item.start, item.end) for item in snippet.highlighted())
    if not fragment:
        return (escape(text), text, 0) if whole else None
    at_text = text.find(fragment)
    before = text[:at_text] if at_text >= 0 else "x"
    after = text[at_text + len(fragment) :] if at_text >= 0 else "x"
    raw = fragment.encode()
    html, at = [], 0
    for start, end in ranges:
        html.append(escape(raw[at:start].decode(errors="ignore")))
        html.append(f"<mark>{escape(raw[start:end].decode(errors='ignore'))}</mark>")
        at = end
    html.append(escape(raw[at:].decode(errors="ignore")))
    marked, plain = "".join(html), fragment
    if whole:
        return marked, plain, len(ranges)
    # The text's own punctuation around the fragment is kept; words cut off become "…".
    if _WORD.search(before):
        marked, plain = f"… {marked}", f"… {plain}"
    else:
        marked, plain = escape(before.lstrip()) + marked, before.lstrip() + plain
    if _WORD.search(after):
        marked, plain = f"{marked} …", f"{plain} …"
    else:
        marked, plain = marked + escape(after.rstrip()), plain + after.rstrip()
    return marked, plain, len(ranges)
