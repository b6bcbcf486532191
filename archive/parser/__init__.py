"""The text parser: a raw paste copied from a browser in, structured pieces out.

Pure Python with no Django imports, so it is tested on strings alone.
"""

from archive.parser.comments import ParsedComment
from archive.parser.errors import ParseError
from archive.parser.piece import ParsedPiece
from archive.parser.source import ParseResult, parse_source
from archive.parser.text import MAX_CHARACTERS, decode

__all__ = [
    "MAX_CHARACTERS",
    "ParseError",
    "ParseResult",
    "ParsedComment",
    "ParsedPiece",
    "decode",
    "parse_source",
]
