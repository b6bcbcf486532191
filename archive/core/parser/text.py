"""Turning raw bytes or a raw paste into clean lines, refusing what is not article text."""

import re
import unicodedata
from typing import NamedTuple

from archive.core.parser.errors import ParseError

MAX_CHARACTERS = 2_000_000  # about 2 MB: far beyond any article with its comments
MIN_ARTICLE_WORDS = 20

_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|a|br|img|script|style|table|li|ul|h[1-6])\b[^>]*>", re.I
)
HTML_TAGS_ALLOWED = 10  # an article may quote a tag or two; page source has hundreds
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Characters a browser copy can carry that mean nothing to a reader.
_INVISIBLE = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None})


_WORDLIKE = re.compile(r"[\W\d_]*[A-Za-z][A-Za-z'’-]*[\W\d_]*")


class Line(NamedTuple):
    number: int  # 1-based line number in the paste, for error messages
    text: str  # stripped
    indent: int  # leading spaces before stripping (list items are indented)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode a file's bytes: UTF-8, else Windows-1252 (with a warning)."""
    if b"\x00" in data[:100_000]:
        raise ParseError("This looks like binary data, not text copied from a web page.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["The text was not UTF-8; it was read as Windows-1252."]
    except UnicodeDecodeError as error:
        raise ParseError(
            "The text is neither UTF-8 nor Windows-1252; save it as UTF-8 and try again."
        ) from error


def check_size(text: str) -> None:
    if len(text) > MAX_CHARACTERS:
        megabytes = len(text.encode("utf-8", "replace")) / 1_000_000
        raise ParseError(
            f"The text is {megabytes:.1f} MB; one import takes at most "
            f"{MAX_CHARACTERS // 1_000_000} MB. Paste one article (or one listing page) at a time."
        )


def normalise(text: str) -> str:
    """NFC, Unix newlines, no non-breaking or zero-width spaces, no trailing blanks."""
    check_size(text)
    if not text.strip():
        raise ParseError("The text is empty.")
    if "\x00" in text or len(_CONTROL.findall(text)) > max(10, len(text) // 200):
        raise ParseError("This looks like binary data, not text copied from a web page.")
    if len(_HTML_TAG.findall(text, 0, 200_000)) > HTML_TAGS_ALLOWED:
        raise ParseError(
            "This looks like HTML source, not the page's text. In the browser, select the article "
            "as it is shown, copy it and paste that (the archive never stores HTML from a paste)."
        )
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\t", "    ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def to_lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        lines.append(Line(number, re.sub(r" {2,}", " ", stripped), indent))
    return lines


def words(text: str) -> list[str]:
    """Lower-case words without punctuation, for comparing passages."""
    return re.findall(r"[a-z0-9£%&]+(?:['’][a-z]+)?", text.lower())


def check_article_text(body_text: str) -> None:
    tokens = body_text.split()
    if len(words(body_text)) < MIN_ARTICLE_WORDS:
        raise ParseError(
            f"No article text found: after site furniture and comments are set aside, "
            f"{len(tokens)} words remain, and an article needs at least {MIN_ARTICLE_WORDS}."
        )
    wordlike = sum(1 for token in tokens if _WORDLIKE.fullmatch(token))
    if wordlike < len(tokens) * 0.5:
        raise ParseError(
            "The text has no recognisable structure: fewer than half of its tokens are words. "
            "Paste the article as shown in the browser (title, text, comments)."
        )
