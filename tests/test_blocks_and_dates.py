from datetime import date

import pytest

from archive.core.blocks import Block, group_lists, join_blocks, split_blocks
from archive.core.partial_dates import parse_partial_date


def test_blocks_round_trip():
    blocks = [
        Block("heading", "Challenging blunt fines", 1),
        Block("paragraph", "First line\nsecond line of one paragraph.", 2),
        Block("bullet", "Longer term: break the annual cycle", 3),
        Block("bullet", "Shared risk", 4),
        Block("numbered", "The configuration of PCNs.", 5, "3"),
    ]
    body = join_blocks(blocks)
    assert body.split("\n\n")[0] == "## Challenging blunt fines"
    assert split_blocks(body) == blocks


def test_group_lists_groups_consecutive_items():
    groups = group_lists(split_blocks("Intro.\n\n- one\n\n- two\n\n1. first\n\nOutro."))
    assert [(kind, len(items)) for kind, items in groups] == [
        ("paragraph", 1),
        ("bullet", 2),
        ("numbered", 1),
        ("paragraph", 1),
    ]


def test_blocks_ignore_extra_blank_lines_and_crlf():
    assert [b.text for b in split_blocks("\r\n\r\nOne.\r\n\r\n\r\n\r\nTwo.\r\n")] == ["One.", "Two."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-04-04", (date(2023, 4, 4), "day")),
        ("2023-04", (date(2023, 4, 1), "month")),
        ("2023", (date(2023, 1, 1), "year")),
        ("", (None, "unknown")),
        ("unknown", (None, "unknown")),
    ],
)
def test_partial_dates(text, expected):
    assert tuple(parse_partial_date(text)) == expected


@pytest.mark.parametrize("text", ["2023-02-30", "04/04/2023", "yesterday", "0999", "2023-13"])
def test_bad_partial_dates_say_why(text):
    with pytest.raises(ValueError, match=text):
        parse_partial_date(text)
