class ParseError(ValueError):
    """The text cannot be imported; the message says why, in words a curator understands."""
