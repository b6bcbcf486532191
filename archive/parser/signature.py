"""The signature under a piece: a date and a signed name, its date and author when the top has none."""

from archive.parser.names import byline_names, signed_name
from archive.parser.printed_dates import read_date_line
from archive.parser.text import Line


def take_signature(header, content: list[Line], consumed: set[int]) -> None:
    """A date and a signed name under the text ("9 January 2024" / "Name, GP PARTNER, LEEDS"),
    or Blogger's "Posted by Name at 19:42": read as the date and author when the top has none."""
    end = len(content)
    for index in range(end - 1, max(end - 4, -1), -1):
        text = content[index].text
        if index in consumed:
            continue
        printed = read_date_line(text)
        names = byline_names(text) or ([signed] if (signed := signed_name(text)) else [])
        if printed and not printed.impossible and not header.published and _signed_nearby(content, index):
            header.published, header.precision, header.date_line = (
                printed.value,
                printed.precision,
                content[index],
            )
        elif (
            names
            and not header.authors
            and (text.lower().startswith("posted by") or _dated_nearby(content, index))
        ):
            header.authors, header.author_lines = names, [text]
        else:
            break
        consumed.add(index)


def _signed_nearby(content: list[Line], index: int) -> bool:
    return any(
        0 <= other < len(content) and (signed_name(content[other].text) or byline_names(content[other].text))
        for other in (index - 1, index + 1)
    )


def _dated_nearby(content: list[Line], index: int) -> bool:
    return any(
        0 <= other < len(content) and read_date_line(content[other].text) for other in (index - 1, index + 1)
    )
