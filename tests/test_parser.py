"""The parser on every seed text and on crafted bad input. No database."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from archive.core.parser import ParseError, decode, parse_source

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
LONDON = ZoneInfo("Europe/London")


def source(prefix: str) -> str:
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def only_piece(text, **options):
    result = parse_source(text, **options)
    assert len(result.pieces) == 1
    return result.pieces[0]


class TestHewittReviewArticle:
    """002: a Pulse news article with 16 readers' comments."""

    @pytest.fixture(scope="class")
    @classmethod
    def piece(cls):
        return only_piece(source("002"))

    def test_title_printed_twice_is_read_once(self, piece):
        assert piece.title == "Major government review suggests an end to a national GP contract"
        assert not piece.title_supplied
        assert all(block.text != piece.title for block in piece.blocks)

    def test_standfirst_follows_the_title(self, piece):
        assert piece.standfirst.startswith("‘National contracts’ present a ‘significant barrier’")

    def test_box_heading_and_bullets(self, piece):
        kinds = [(block.kind, block.text[:20]) for block in piece.blocks if block.kind != "paragraph"]
        assert kinds == [
            ("heading", "Key recommendations "),
            ("bullet", "National contracts p"),
            ("bullet", "Practices that are n"),
        ]

    def test_furniture_is_gone_and_nothing_else(self, piece):
        text = piece.body_text
        assert "intended for health professionals" not in text
        assert "only GPs are permitted" not in text
        assert "Ministers will review recommendations of this report in due course." in text
        assert sum(block.kind == "paragraph" for block in piece.blocks) == 24

    def test_sixteen_comments_with_exact_authors_and_london_times(self, piece):
        assert piece.declared_comment_count == 16
        assert len(piece.comments) == 16
        first = piece.comments[0]
        assert first.author == "Finola ONeill"
        assert first.posted_at == datetime(2023, 4, 4, 11, 17, tzinfo=LONDON)
        assert first.posted_at.utcoffset().total_seconds() == 3600  # British Summer Time
        assert first.body.startswith("Looks to me like divide and conquer.\nGPs are not suitably")
        assert [c.author for c in piece.comments[-3:]] == ["David Jenner", "A Non", "Dave Haddock"]
        assert piece.comments[-1].posted_at == datetime(2023, 4, 5, 18, 55, tzinfo=LONDON)
        assert piece.comments[-1].body.endswith("Dr James Sherifi”")
        assert 'Some" Bloke' in [c.author for c in piece.comments]
        assert piece.warnings == []


class TestLessTargetDrivenArticle:
    """003: Pulse, an advert marker in the body, comments without a counted header."""

    @pytest.fixture(scope="class")
    @classmethod
    def piece(cls):
        return only_piece(source("003"))

    def test_title_and_standfirst(self, piece):
        assert piece.title == "Next GP contract should be ‘less target-driven’, says NHSE primary care chief"
        assert piece.standfirst.startswith("NHS England’s primary care chief has said")

    def test_advert_marker_removed(self, piece):
        assert "sponsored advert" not in piece.body_text
        assert "Dr Doyle further stressed" in piece.body_text

    def test_five_comments(self, piece):
        assert [(c.author, c.posted_at.strftime("%d %b %Y %H:%M")) for c in piece.comments] == [
            ("Bonglim Bong", "14 Oct 2022 13:45"),
            ("Turn out The Lights", "14 Oct 2022 15:01"),
            ("Turn out The Lights", "14 Oct 2022 16:51"),
            ("David Jarvis", "14 Oct 2022 18:22"),
            ("Dylan Summers", "15 Dec 2022 14:25"),
        ]
        assert piece.comments[4].posted_at.utcoffset().total_seconds() == 0  # GMT in December
        assert piece.comments[4].body.startswith("The excellent Des Spence")


class TestBlogListing:
    """001: a listing page of five posts, with a pager."""

    TITLES = [
        "Advice and Guidance: Centralised Micromanagement at its worst",
        "What do the Changes to NHS England and ICBs mean for General Practice?",
        "5 Things we can learn from the New GP Contract",
        "Neighbourhoods: 6 Things to Look Out For",
        "What is in Store for General Practice Next Year: Change is Coming",
    ]

    def test_detected_titles(self):
        result = parse_source(source("001"))
        assert result.is_listing
        assert [piece.title for piece in result.pieces] == self.TITLES
        assert result.furniture_removed == ["Page 1 of 83", "123483"]

    def test_given_titles_split_the_same_way(self):
        detected = parse_source(source("001"))
        given = parse_source(source("001"), listing_titles=self.TITLES)
        assert [p.body_text for p in given.pieces] == [p.body_text for p in detected.pieces]

    def test_a_missing_given_title_is_an_error(self):
        with pytest.raises(ParseError, match="was not found"):
            parse_source(source("001"), listing_titles=[self.TITLES[0], "A post that is not there"])

    def test_numbered_headings_copied_as_all_ones_are_renumbered(self):
        post = parse_source(source("001")).pieces[2]
        headings = [block.text for block in post.blocks if block.kind == "heading"]
        assert headings == [
            "1. This government wants to invest in general practice",
            "2. Life is not going to improve quickly for practices",
            "3. Access is the priority for general practice",
            "4. PCNs are not going anywhere",
            "5. Much bigger change for general practice is on the way",
        ]
        assert any("numbered in order" in warning for warning in post.warnings)

    def test_long_numbered_items_stay_items(self):
        post = parse_source(source("001")).pieces[3]
        items = [block for block in post.blocks if block.kind == "numbered"]
        assert [item.label for item in items] == ["1", "2", "3", "4", "5", "6"]
        assert items[0].text.startswith("The Configuration of PCNs. The Neighbourhood Health")

    def test_pager_line_is_removed_only_after_the_page_counter(self):
        assert "123483" not in parse_source(source("001")).pieces[-1].body_text


class TestUntitledPieces:
    def test_blog_post_without_title_warns_and_takes_a_supplied_title(self):
        untitled = only_piece(source("000"))
        assert untitled.title is None
        assert any("No title found" in warning for warning in untitled.warnings)
        assert untitled.blocks[0].text.startswith("The outline of the 2026/27 contract")
        assert "No Comments" not in untitled.body_text

        titled = only_piece(source("000"), title="A curator's title")
        assert titled.title == "A curator's title" and titled.title_supplied
        assert titled.blocks[0].text == untitled.blocks[0].text

    def test_given_title_that_is_in_the_text_is_not_supplied(self):
        piece = only_piece(
            source("002"), title="Major government review suggests an end to a national GP contract"
        )
        assert not piece.title_supplied
        assert piece.standfirst

    def test_policy_essay_pull_quotes_and_repeated_byline(self):
        piece = only_piece(source("004"))
        assert piece.title is None  # its first line is a 22-word question, a standfirst not a title
        assert piece.bylines == ["Edward Cornick"]
        assert piece.pull_quotes == [
            "‘There is a lack of balance of risk between commissioners and providers’",
            "‘The current contracting model does not fit either the principles or practicalities "
            "of delivering the future of service delivery’",
        ]
        body = piece.body_text
        assert "The result is a lack of balance of risk between commissioners and providers." in body
        assert body.count("the current contracting model does not fit") == 1
        assert "Edward Cornick is policy officer" in body  # the closing note is text, kept
        headings = [block.text for block in piece.blocks if block.kind == "heading"]
        assert headings == ["Challenging blunt fines", "What is the alternative?"]
        assert sum(block.kind == "bullet" for block in piece.blocks) == 4

    def test_quoted_speech_paragraph_is_not_a_pull_quote(self):
        piece = only_piece(source("002"))
        assert piece.pull_quotes == []
        assert "‘We know practices are struggling to meet patients’ needs" in piece.body_text


BODY = "\n\n".join(
    [
        "A title for a crafted test",
        "The first paragraph says something about the GP contract and its many parts in detail.",
        "The second paragraph goes on at length about performance management in general practice.",
    ]
)


class TestBadInput:
    def test_empty(self):
        for text in ["", "   \n\n  \t "]:
            with pytest.raises(ParseError, match="empty"):
                parse_source(text)

    def test_binary_bytes(self):
        with pytest.raises(ParseError, match="binary"):
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100)

    def test_binary_text(self):
        with pytest.raises(ParseError, match="binary"):
            parse_source("".join(chr(code % 32) for code in range(5000)))

    def test_windows_1252_is_read_with_a_warning(self):
        text, warnings = decode("Practices’ funding".encode("cp1252"))
        assert text == "Practices’ funding" and warnings

    def test_fifty_megabytes(self):
        with pytest.raises(ParseError, match="at most 2 MB"):
            parse_source("word " * 10_000_000)

    def test_no_recognisable_structure(self):
        with pytest.raises(ParseError, match="No article text"):
            parse_source("Hello\n\nthere")
        with pytest.raises(ParseError, match="no recognisable structure"):
            parse_source("Data dump\n\n" + " ".join(f"{n},{n * 7},{n * 13};" for n in range(400)))

    def test_html_source_is_refused(self):
        html = "<html><body>" + "".join(
            f"<p>Paragraph {n} about the <a href='#'>ICB</a>.</p>" for n in range(20)
        )
        with pytest.raises(ParseError, match="HTML source"):
            parse_source(html + "</body></html>")

    def test_a_quoted_tag_or_two_is_just_text(self):
        piece = only_piece(BODY + "\n\nThe page used a <script> tag and a <div> to show it.")
        assert "<script> tag" in piece.body_text

    def test_only_furniture(self):
        with pytest.raises(ParseError, match="No article text"):
            parse_source("This site is intended for health professionals only\n\nNo Comments\n")

    @pytest.mark.parametrize(
        "header, message",
        [
            ("Dr Clock 31 February, 2023 11:17 am", "impossible date"),
            ("Dr Clock 4 April, 2023 13:75 pm", "impossible time"),
            ("Dr Clock 4 April, 2023 0:15 am", "impossible time"),
            ("Dr Clock 26 March, 2023 1:30 am", "did not exist in UK time"),
            ("Dr Clock 4 April, 1066 1:30 am", "implausible year"),
        ],
    )
    def test_comment_header_with_an_impossible_date(self, header, message):
        text = BODY + "\n\nREADERS' COMMENTS [1]\n\n" + header + "\n\nA comment.\n"
        with pytest.raises(ParseError, match=message) as error:
            parse_source(text)
        assert header in str(error.value) and "line 9" in str(error.value)

    def test_declared_comment_count_that_does_not_match_warns(self):
        text = BODY + "\n\nREADERS' COMMENTS [3]\n\nDr One 4 April, 2023 11:17 am\n\nOnly one.\n"
        piece = only_piece(text)
        assert len(piece.comments) == 1
        assert "The comments header says 3 comments; found 1." in piece.warnings

    def test_lines_before_the_first_comment_are_reported(self):
        text = BODY + "\n\nREADERS' COMMENTS [1]\n\nSort by: newest\n\nDr One 4 April, 2023 11:17 am\n\nHi.\n"
        piece = only_piece(text)
        assert any("Sort by: newest" in warning for warning in piece.warnings)

    def test_crlf_and_non_breaking_spaces(self):
        crlf = only_piece(BODY.replace("\n", "\r\n").replace(" the ", "\u00a0the "))
        plain = only_piece(BODY)
        assert crlf.body_text == plain.body_text


class TestHeaderLines:
    """Date lines and bylines that other sites print under the title."""

    TEXT = (
        "Practices face new access targets\n\n"
        "By Jane Invented and Sam Madeup\n\n"
        "Published: 12 January 2024\n\n"
        "Practices in Nowhereshire face targets for same-day access from April, the ICB has said.\n\n"
        "The LMC said the targets would add workload without funding for the practices affected.\n\n"
        "Comments\n\n"
        "Dr Reader January 13, 2024 at 8:05 pm\n\n"
        "Here we go again.\n"
    )

    def test_dateline_bylines_and_month_first_comment_headers(self):
        piece = only_piece(self.TEXT)
        assert piece.title == "Practices face new access targets"
        assert piece.published == datetime(2024, 1, 12).date()
        assert piece.bylines == ["Jane Invented", "Sam Madeup"]
        assert not any("Published" in block.text or "By Jane" in block.text for block in piece.blocks)
        assert piece.blocks[-1].text.startswith("The LMC said")  # "Comments" opened the thread
        (comment,) = piece.comments
        assert comment.author == "Dr Reader"
        assert comment.posted_at == datetime(2024, 1, 13, 20, 5, tzinfo=LONDON)

    def test_a_sentence_starting_with_by_is_not_a_byline(self):
        text = self.TEXT.replace(
            "By Jane Invented and Sam Madeup", "By April, the targets will apply to all."
        )
        piece = only_piece(text)
        assert piece.bylines == []
        assert piece.blocks[0].text == "By April, the targets will apply to all."

    def test_dates_deep_in_the_body_are_not_the_published_date(self):
        text = "\n\n".join(["A title"] + [f"Paragraph {n} about the contract and the ICB." for n in range(6)])
        piece = only_piece(text + "\n\n4 April 2023\n\nMore text here.")
        assert piece.published is None
