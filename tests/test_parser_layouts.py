"""The parser on the shapes other sites give a paste: titles, dates, bylines, furniture, wraps, comments.

Every text here is invented for the test (names, practices, places), in the
layout of a real kind of page. The dev set (tests/import_devset) measures the
same behaviours over many pastes; these pin each one down.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from archive.core.parser import ParseError, parse_source

LONDON = ZoneInfo("Europe/London")
BODY = (
    "Practices in Nowhereshire have been told that their enhanced services will be reviewed this spring.\n\n"
    "The local medical committee said it had not been consulted about the review or its timing.\n\n"
    "Partners fear that the money will be moved to other parts of the system without warning."
)


def piece_of(text, **options):
    (piece,) = parse_source(text, **options).pieces
    return piece


class TestTitles:
    def test_site_name_and_section_label_above_the_title_are_not_the_title(self):
        piece = piece_of(
            "Nowhere Health Weekly\n\nCommissioning\n\nICB reviews enhanced services\n\n"
            f"By Tamsin Oddly\n\n3 March 2024\n\n{BODY}"
        )
        assert piece.title == "ICB reviews enhanced services"
        assert piece.title_line_number == 5
        assert piece.bylines == ["Tamsin Oddly"]
        assert (
            "Nowhere Health Weekly"
            in parse_source(
                f"Nowhere Health Weekly\n\nICB reviews enhanced services\n\nBy Tamsin Oddly\n\n{BODY}"
            ).furniture_removed
        )

    @pytest.mark.parametrize(
        "line", ["Healthcare Leader - ICB reviews enhanced services", "ICB reviews enhanced services | HSJ"]
    )
    def test_site_name_joined_to_the_title(self, line):
        piece = piece_of(f"{line}\n\nBy Tamsin Oddly\n\n{BODY}")
        assert (piece.title, piece.title_line, piece.title_printed) == (
            "ICB reviews enhanced services",
            line,
            True,
        )

    def test_the_comments_heading_names_the_title(self):
        text = (
            f"A Blog About Practice\n\nMusings\n\nWhy our list is closing\n\n{BODY}\n\n"
            "2 thoughts on “Why our list is closing”\n\n"
            "Ada Fenwick says:\n3 March 2024 at 9:00 am\nSad news.\n"
        )
        assert piece_of(text).title == "Why our list is closing"

    def test_a_title_given_for_a_text_that_prints_it_is_matched_to_its_line(self):
        piece = piece_of(
            f"Nowhere Health Weekly\n\nICB reviews enhanced services\n\n{BODY}",
            title="ICB reviews enhanced services",
        )
        assert (piece.title_supplied, piece.title_line_number) == (False, 3)


class TestDates:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("Last updated: 12 September 2025", date(2025, 9, 12)),
            ("Published: 11/06/2024", date(2024, 6, 11)),  # day first, as UK sites write
            ("BMJ 2025; 388 doi: 10.1136/bmj.x1 (Published 28 March 2025)", date(2025, 3, 28)),
            ("Posted on Tuesday, 4 March 2025", date(2025, 3, 4)),
            ("Dec 05, 2025", date(2025, 12, 5)),
        ],
    )
    def test_date_lines_near_the_top(self, line, expected):
        piece = piece_of(f"ICB reviews enhanced services\n\n{line}\n\n{BODY}")
        assert (piece.published, piece.date_line, piece.date_line_number) == (expected, line, 3)
        assert line not in piece.body_text

    def test_first_publication_beats_an_update(self):
        piece = piece_of(
            "ICB reviews enhanced services\n\nPage updated: 3 March 2025\n\n"
            f"First published: 27 February 2025\n\n{BODY}"
        )
        assert piece.published == date(2025, 2, 27)

    def test_an_impossible_printed_date_is_a_warning_not_a_silent_gap(self):
        piece = piece_of(f"ICB reviews enhanced services\n\nPublished: 31/02/2025\n\n{BODY}")
        assert piece.published is None
        assert any("31/02/2025" in warning and "not a real date" in warning for warning in piece.warnings)
        assert "31/02/2025" not in piece.body_text


class TestBylines:
    @pytest.mark.parametrize(
        ("line", "names"),
        [
            ("Report by: Tamsin Oddly, Chief reporter", ["Tamsin Oddly"]),
            ("Words: Dr Ivo Pennant, Medical Secretary", ["Dr Ivo Pennant"]),
            ("By Tamsin Oddly and Ivo Pennant", ["Tamsin Oddly", "Ivo Pennant"]),
        ],
    )
    def test_labelled_bylines(self, line, names):
        piece = piece_of(f"ICB reviews enhanced services\n\n{line}\n\n3 March 2024\n\n{BODY}")
        assert piece.bylines == names
        assert piece.author_lines == [line]

    def test_numbered_author_list_and_a_name_beside_the_date(self):
        listed = piece_of(
            "ICB reviews enhanced services\n\nAuthors\n\n1. Tamsin Oddly\n2. Ivo Pennant\n\n"
            f"3 March 2024\n\n{BODY}"
        )
        assert listed.bylines == ["Tamsin Oddly", "Ivo Pennant"]
        beside = piece_of(f"ICB reviews enhanced services\n\nTamsin Oddly\n\n3 March 2024\n\n{BODY}")
        assert beside.bylines == ["Tamsin Oddly"]
        assert "Tamsin Oddly" not in beside.body_text

    def test_a_response_signed_with_name_role_and_place(self):
        piece = piece_of(
            f"Re: ICB reviews enhanced services\n\nDear Editor\n\n{BODY}\n\n9 January 2024\n\n"
            "Ivo Pennant, GP PARTNER, NOWHERETON"
        )
        assert (piece.bylines, piece.published) == (["Ivo Pennant"], date(2024, 1, 9))
        assert piece.blocks[-1].text.startswith("Partners fear")


class TestFurniture:
    def test_shared_list_and_what_the_archive_learned(self):
        text = (
            "Skip to main content\n\nICB reviews enhanced services\n\nLocation: England\n\n"
            "Nurses at a practice (Photo: Getty Images)\n\n"
            f"{BODY}\n\nShare this page\n\nNowhere Weekly members get more"
        )
        piece = piece_of(text, extra_furniture=["nowhere weekly  MEMBERS get more"])
        shown = [block.text for block in piece.blocks]
        for line in (
            "Skip to main content",
            "Location: England",
            "Share this page",
            "Nowhere Weekly members get more",
        ):
            assert line not in shown
        assert "Nurses at a practice (Photo: Getty Images)" not in shown

    def test_section_labels_are_furniture_only_above_the_text(self):
        text = (
            f"Analysis\n\nICB reviews enhanced services\n\n{BODY}\n\n"
            "Analysis\n\nThe figures show a fall in funding for every practice in the county."
        )
        piece = piece_of(text)
        assert piece.title == "ICB reviews enhanced services"
        assert [block.text for block in piece.blocks if block.kind == "heading"] == ["Analysis"]

    def test_footer_and_tags_above_it_end_the_text(self):
        piece = piece_of(
            f"ICB reviews enhanced services\n\nBy Tamsin Oddly\n\n{BODY}\n\nPrimary care\n\nFunding\n\n"
            "Written by Tamsin Oddly\n\n12 followers"
        )
        assert piece.blocks[-1].text.startswith("Partners fear")


class TestLineBreaks:
    def test_hard_wrapped_letter_is_joined_and_the_address_kept(self):
        letter = (
            "A letter to the board\n\nDear Chief Executive,\n\n"
            "We write to ask that the board confirm, before the end of the\n"
            "month, that the services funded last year will continue on the\n"
            "same terms next year, so that practices can plan their staff.\n\n"
            "Nowhere LMC\n1 Any Street\nNowhereton"
        )
        piece = piece_of(letter)
        texts = [block.text for block in piece.blocks]
        assert any(
            text.startswith("We write to ask") and text.endswith("plan their staff.") and "\n" not in text
            for text in texts
        )
        assert texts[-1] == "Nowhere LMC\n1 Any Street\nNowhereton"


class TestCommentLayouts:
    def test_wordpress_numbered_threaded_comments_with_dates_only(self):
        text = (
            f"Why our list is closing\n\nPosted on 6 May 2025 by nowheregp\n\n{BODY}\n\n"
            "2 thoughts on “Why our list is closing”\n\n"
            "    1. Ada Fenwick\n       7 May 2025\n       Sad news for the town.\n       Reply\n"
            "           1. nowheregp\n              8 May 2025\n"
            "              Thank you, Ada.\n              Reply\n"
            "    2. Bo Lister\n       9 May 2025\n       Good luck.\n"
        )
        piece = piece_of(text)
        assert [(c.author, c.precision, c.parent) for c in piece.comments] == [
            ("Ada Fenwick", "date", None),
            ("nowheregp", "date", 0),
            ("Bo Lister", "date", None),
        ]
        assert piece.comments[1].posted_at == datetime(2025, 5, 8, tzinfo=LONDON)
        assert piece.bylines == ["nowheregp"]

    def test_says_blogger_and_disqus(self):
        says = piece_of(
            f"Why our list is closing\n\n{BODY}\n\nAda Fenwick says: 3 March 2024 at 9:05 pm\n\nSad news."
        )
        assert [(c.author, c.posted_at, c.precision) for c in says.comments] == [
            ("Ada Fenwick", datetime(2024, 3, 3, 21, 5, tzinfo=LONDON), "datetime")
        ]
        blogger = piece_of(
            f"Why our list is closing\n\n{BODY}\n\n1 comment:\n\nAnonymous said...\nSad news.\n\n"
            "4 March 2024 at 08:15"
        )
        (comment,) = blogger.comments
        assert (comment.author, comment.body, comment.posted_at) == (
            "Anonymous",
            "Sad news.",
            datetime(2024, 3, 4, 8, 15, tzinfo=LONDON),
        )
        disqus = piece_of(f"Why our list is closing\n\n{BODY}\n\nAda Fenwick\n2 years ago\n\nSad news.")
        assert [(c.author, c.posted_at, c.precision) for c in disqus.comments] == [
            ("Ada Fenwick", None, "unknown")
        ]

    def test_bmj_rapid_responses(self):
        text = (
            f"ICB reviews enhanced services\n\n{BODY}\n\nRapid responses (1)\n\n"
            "Re: ICB reviews enhanced services\n\nDear Editor\n\nThis will hurt rural practices most.\n\n"
            "Competing interests: None declared\n\n12 May 2023\n\nIvo Pennant\n\n"
            "General practitioner\n\nNowhereton"
        )
        (comment,) = piece_of(text).comments
        assert (comment.author, comment.posted_at, comment.precision) == (
            "Ivo Pennant",
            datetime(2023, 5, 12, tzinfo=LONDON),
            "date",
        )
        assert comment.body == "Dear Editor\n\nThis will hurt rural practices most."

    def test_an_impossible_comment_time_is_still_a_clear_error(self):
        with pytest.raises(ParseError, match="did not exist"):
            parse_source(
                f"Why our list is closing\n\n{BODY}\n\nAda Fenwick says: 30 March 2025 at 1:30 am\n\nSad."
            )


class TestShapesFromTheCrossSet:
    """Shapes another author's pastes showed (tests/import_crossset), each pinned on an invented paste."""

    def test_a_footer_heading_that_is_also_furniture_ends_the_text(self):
        piece = piece_of(
            f"ICB reviews enhanced services\n\n{BODY}\n\nSuggested citation\n\nOddly T (2024) A note."
        )
        assert piece.blocks[-1].text.startswith("Partners fear")
        piece = piece_of(
            f"ICB reviews enhanced services\n\n{BODY}\n\n"
            "Updates to this page\n\nIs this page useful?\n\nYes\n\nNo"
        )
        assert piece.blocks[-1].text.startswith("Partners fear")

    def test_the_short_line_above_a_picture_credit_is_its_caption_but_a_dateline_is_not(self):
        piece = piece_of(
            f"ICB reviews enhanced services\n\n3 March 2024\n\nPicture: Nowhere Photos\n\n"
            f"{BODY}\n\nA practice car park in the rain\n\nPhoto: Nowhere Photos\n\n"
            "That is all for now from us."
        )
        assert piece.published == date(2024, 3, 3)
        assert not [block for block in piece.blocks if "car park" in block.text]
        assert piece.blocks[-1].text == "That is all for now from us."

    def test_a_name_with_a_role_and_a_byline_with_a_role_under_it(self):
        piece = piece_of(
            f"ICB reviews enhanced services\n\nTamsin Oddly, Chief executive\n\n3 March 2024\n\n{BODY}"
        )
        assert piece.bylines == ["Tamsin Oddly"]
        piece = piece_of(
            "ICB reviews enhanced services\n\nBy Tamsin Oddly\n\n"
            f"GP partner in Nowhere\n\n3 March 2024\n\n{BODY}"
        )
        assert (piece.bylines, piece.published) == (["Tamsin Oddly"], date(2024, 3, 3))
        assert piece.blocks[0].text.startswith("Practices in Nowhereshire")

    def test_numbered_authors_without_a_heading_and_their_affiliations(self):
        piece = piece_of(
            "ICB reviews enhanced services\n\n1. Tamsin Oddly\n2. Barnaby Inventa\n\n"
            "1. Department of Made-up Studies\n2. Department of Made-up Studies\n\n"
            f"Published online: 3 Mar 2024\n\n{BODY}"
        )
        assert piece.bylines == ["Tamsin Oddly", "Barnaby Inventa"]
        assert piece.published == date(2024, 3, 3)
        assert piece.blocks[0].text.startswith("Practices in Nowhereshire")

    def test_a_responders_block_at_the_foot_and_a_name_and_date_as_last_line(self):
        piece = piece_of(
            f"Rapid Response:\n\nEnhanced services need notice\n\n{BODY}\n\n"
            "3 March 2024\nTamsin Oddly\nGP partner\nNowhere Surgery"
        )
        assert (piece.title, piece.bylines, piece.published) == (
            "Enhanced services need notice",
            ["Tamsin Oddly"],
            date(2024, 3, 3),
        )
        assert piece.blocks[-1].text.startswith("Partners fear")
        piece = piece_of(f"Changes at the surgery\n\n{BODY}\n\nDr Tamsin Oddly, 24/03/2025")
        assert (piece.bylines, piece.published) == (["Dr Tamsin Oddly"], date(2025, 3, 24))

    def test_the_signer_of_a_letter_is_its_author_unless_an_organisation_signs(self):
        letter = (
            f"A letter to practices\n\nDear colleagues,\n\n{BODY}\n\n"
            "With my thanks,\n\nDr Tamsin Oddly\nChair"
        )
        assert piece_of(letter).bylines == ["Dr Tamsin Oddly"]
        assert piece_of(letter.replace("Dr Tamsin Oddly\nChair", "Nowhere LMC")).bylines == []

    def test_disqus_bullets_initials_and_numbers_on_their_own_line(self):
        piece = piece_of(
            f"ICB reviews enhanced services\n\n{BODY}\n\n2 Responses\n\n"
            "1.\nM. Oddly\nMarch 3, 2024\n\nFirst reply.\n\n"
            "2.\nBarnaby Inventa\nMarch 4, 2024\n\nSecond reply."
        )
        assert [(c.author, c.posted_at.date()) for c in piece.comments] == [
            ("M. Oddly", date(2024, 3, 3)),
            ("Barnaby Inventa", date(2024, 3, 4)),
        ]
        assert "2." not in piece.comments[0].body
        disqus = piece_of(
            f"ICB reviews enhanced services\n\n{BODY}\n\nTamsin Oddly\n• 2 months ago\nA reply."
        )
        assert [(c.author, c.posted_at) for c in disqus.comments] == [("Tamsin Oddly", None)]
