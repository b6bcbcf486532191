"""The clipboard's HTML as paste text: one line per block, what a reader sees and nothing else.

When a browser offers the HTML of a copied selection, it says more than the plain
text: which lines are figures, captions, buttons and navigation (dropped here),
and where a paragraph really ends (a hard-wrapped line is one paragraph in HTML).
The result is plain text in the shape the parser reads; the HTML itself is never stored.
"""

import re

import lxml.html
from lxml import etree

# Elements whose text is never the piece's: media and their captions (picture credits),
# controls, navigation, boxes beside the text, and anything hidden.
DROPPED = {
    *("script", "style", "noscript", "template", "svg", "math", "img", "picture", "video", "audio"),
    *("iframe", "object", "embed", "canvas", "figure", "figcaption", "button", "input", "select"),
    *("textarea", "form", "nav", "aside", "head", "title", "meta", "link"),
}
BLOCKS = {
    *("p", "div", "section", "article", "header", "footer", "main", "blockquote", "pre", "address"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "hr"),
}
_BLOCK_BREAK = "\x1d"
_LINE_BREAK = "\x1e"


def html_to_text(html: str) -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in list(root.iter()):
        if _dropped(element) and element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows it
    pieces: list[str] = []
    _walk(root, pieces)
    blocks = []
    for block in "".join(pieces).split(_BLOCK_BREAK):
        lines = [" ".join(line.split()) for line in block.split(_LINE_BREAK)]
        text = "\n".join(line for line in lines if line)
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def _dropped(element) -> bool:
    hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
    return element.tag in DROPPED or hidden


def _walk(element, pieces: list[str]) -> None:
    tag = element.tag
    if tag == "br":
        pieces.append(_LINE_BREAK)
    elif tag in BLOCKS:
        pieces.append(_BLOCK_BREAK)
    if element.text and tag != "br":
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if tag in BLOCKS:
        pieces.append(_BLOCK_BREAK)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<[a-zA-Z][^>]*>", text[:5000]))
