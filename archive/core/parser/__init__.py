"""The text parser: a raw paste copied from a browser in, structured pieces out.

Pure Python with no Django imports, so it is tested on strings alone.
"""

from archive.core.parser.comments import ParsedComment
from archive.core.parser.errors import ParseError
from archive.core.parser.piece import ParsedPiece
from archive.core.parser.source import ParseResult, parse_source
from archive.core.parser.text import MAX_CHARACTERS, decode

__all__ = [
    "MAX_CHARACTERS",
    "ParseError",
    "ParseResult",
    "ParsedComment",
    "ParsedPiece",
    "decode",
    "parse_source",
]
