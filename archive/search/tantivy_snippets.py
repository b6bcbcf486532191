"""Snippets for the Tantivy backend: a hit's title and its best fragment, escaped and then
marked with the query's words (archive.search.tantivy_backend asks for them). The texts are
PostgreSQL's, read with the hits (archive.search.hits); the index keeps only their words."""

import re

import tantivy

from archive.core.html_format import escape
from archive.search.backend import Highlight

TITLE_CHARACTERS = 400
SNIPPET_CHARACTERS = 240
_WORD = re.compile(r"\w")


def highlight(schema, searcher, positive, texts: list[dict[str, str]]) -> list[Highlight]:
    """Each piece's title and best fragment with the words of ``positive`` (the query without its
    exclusions) marked, escaped first. ``texts``: each piece's field name -> text, as PostgreSQL
    holds them (an article's title, standfirst and body; a comment's comment)."""
    generators = {}

    def generator(name: str, characters: int):
        if name not in generators:
            made = tantivy.SnippetGenerator.create(searcher, positive, schema, name)
            made.set_max_num_chars(characters)
            generators[name] = made
        return generators[name]

    found = []
    for fields in texts:
        title = None
        if "title" in fields:
            title = _marked(fields["title"], "title", generator("title", TITLE_CHARACTERS), whole=True)
            candidates = [
                _marked(fields.get(name), name, generator(name, SNIPPET_CHARACTERS))
                for name in ("standfirst", "body")
            ]
        else:
            candidates = [_marked(fields.get("comment"), "comment", generator("comment", SNIPPET_CHARACTERS))]
        best = max(candidates, key=lambda marked: marked[2] if marked else -1)
        title_html = title[0] if title and title[2] else None
        if best is None or best[2] == 0:
            found.append(Highlight(title_html, None, None))
        else:
            found.append(Highlight(title_html, best[0], best[1]))
    return found


def _marked(text: str | None, name: str, generator, whole: bool = False):
    """(html, plain text, number of highlights) of the text's best fragment, or None if empty.

    Escaped here and only then marked, so nothing from a text reaches the page unescaped;
    Tantivy's ranges are byte offsets into the fragment."""
    if not text:
        return None
    doc = tantivy.Document()
    doc.add_text(name, text)
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
