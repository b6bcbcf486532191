"""Edit scenarios for quote anchoring, written from what curators do to a piece, not from the code.

Each scenario takes a quote from an original text (a list of blocks: paragraphs
and headings), edits the text, and says what a link must do afterwards:

- "same": the quoted words, where they were (same offsets);
- "moved": the quoted words, elsewhere (text was added or removed before them, or
  their paragraph moved);
- "changed": the passage the quote became, with its words edited (the page says so);
- "gone": no passage: the page shows the quote as it was.

``where`` pins the expected passage: (block index in the edited text, its words).
The three failures seen in issue 14 are the scenarios named "seen: ...".
"""

from typing import NamedTuple

ARTICLE = [
    "GP practices in England will receive a funding uplift of 7.4 per cent next year, NHS England has "
    "confirmed.",
    "Dr Amelia Hart, chair of the Wessex LMC, said the deal would deliver stability for practices across "
    "England.",
    "Dr Benedict Osei, a partner in Leeds, said the settlement did not go far enough to cover rising costs.",
    "What the BMA said",  # a sub-heading: a block like any other to anchoring
    "The BMA's GP committee said it would consult the profession before accepting the offer.",
    "Practices have seen running costs rise sharply, with staff pay and energy bills both higher than "
    "last year.",
    "The contract also changes how online consultation requests are handled during core hours.",
    "Patients will be able to submit non-urgent requests throughout the day from October.",
]

COMMENT = [
    "Another year, another contract that asks more of us for less.",
    "We lost two salaried GPs this spring and cannot recruit. The uplift does not touch the sides.",
]


class Scenario(NamedTuple):
    name: str
    quote: str
    edited: list[str]
    expect: str  # same, moved, changed or gone
    where: tuple[int, str] | None  # (block, passage) in the edited text; None when gone
    original: list[str] = ARTICLE


def edit(blocks, index, old, new):
    """The blocks with ``old`` replaced by ``new`` in block ``index`` (which must hold it)."""
    assert old in blocks[index], (index, old)
    return [block.replace(old, new) if number == index else block for number, block in enumerate(blocks)]


def without(blocks, *indexes):
    return [block for number, block in enumerate(blocks) if number not in indexes]


def insert(blocks, index, *new):
    return [*blocks[:index], *new, *blocks[index:]]


def move(blocks, source, target):
    moved = [block for number, block in enumerate(blocks) if number != source]
    moved.insert(target, blocks[source])
    return moved


A = ARTICLE
STABILITY = "deliver stability for practices across England"
CONSULT = "it would consult the profession before accepting the offer"
ACROSS = "did not go far enough to cover rising costs. What the BMA said"
CROSS_PARAGRAPH = "across England. Dr Benedict Osei, a partner in Leeds"
WHOLE_P2 = A[2]
ONLINE = "online consultation requests are handled during core hours"

SCENARIOS = [
    # --- The three failures seen (issue 14) ---------------------------------------------
    Scenario(
        "seen: quoted paragraph deleted, another sentence edited to hold the same words",
        STABILITY,
        edit(without(A, 1), 1, "did not go far enough to cover rising costs", f"would not {STABILITY}"),
        "gone",
        None,
    ),
    Scenario(
        "seen: a figure corrected, the old figure now stands in another sentence",
        "7.4 per cent",
        edit(
            edit(A, 0, "7.4 per cent", "6.1 per cent"),
            5,
            "running costs rise sharply",
            "running costs rose by 7.4 per cent",
        ),
        "changed",
        (0, "6.1 per cent"),
    ),
    Scenario(
        "seen: a two-paragraph quote whose words were changed",
        CROSS_PARAGRAPH,
        edit(edit(A, 1, "across England.", "across the country."), 2, "Dr Benedict Osei", "Dr Ben Osei"),
        "changed",
        (1, "across the country. Dr Ben Osei, a partner in Leeds"),
    ),
    # --- Nothing or little changed ------------------------------------------------------
    Scenario("unchanged text", STABILITY, list(A), "same", (1, STABILITY)),
    Scenario(
        "a typo fixed in another paragraph, after it",
        STABILITY,
        edit(A, 6, "online", "on-line"),
        "same",
        (1, STABILITY),
    ),
    Scenario(
        "a sentence added at the end of the piece",
        CONSULT,
        [*A, "A further update is expected next month."],
        "same",
        (4, CONSULT),
    ),
    Scenario(
        "a word added at the end of the quote's own paragraph",
        CONSULT,
        edit(A, 4, "the offer.", "the offer in full."),
        "same",
        (4, CONSULT),
    ),
    # --- Insertions before --------------------------------------------------------------
    Scenario(
        "a paragraph added at the top",
        STABILITY,
        insert(A, 0, "Updated: this story now includes a response from the BMA."),
        "moved",
        (2, STABILITY),
    ),
    Scenario("a heading added at the top", CONSULT, insert(A, 0, "## The deal"), "moved", (5, CONSULT)),
    Scenario(
        "words added earlier in the same paragraph",
        STABILITY,
        edit(A, 1, "Dr Amelia Hart,", "Dr Amelia Hart, who has practised for 20 years and is"),
        "moved",
        (1, STABILITY),
    ),
    Scenario(
        "words added right before the quote",
        STABILITY,
        edit(A, 1, "the deal would deliver", "the deal would finally deliver"),
        "moved",
        (1, STABILITY),
    ),
    Scenario(
        "a paragraph added right before the quote's paragraph",
        CONSULT,
        insert(A, 4, "It met on Thursday."),
        "moved",
        (5, CONSULT),
    ),
    # --- Insertions after ---------------------------------------------------------------
    Scenario(
        "words added right after the quote",
        "7.4 per cent",
        edit(A, 0, "7.4 per cent next year", "7.4 per cent from April next year"),
        "same",
        (0, "7.4 per cent"),
    ),
    Scenario(
        "a paragraph added right after the quote's paragraph",
        STABILITY,
        insert(A, 2, "She added that practices needed certainty."),
        "same",
        (1, STABILITY),
    ),
    Scenario(
        "words added both before and right after the quote",
        STABILITY,
        edit(edit(A, 0, "GP practices", "All GP practices"), 1, "England.", "England, and more."),
        "moved",
        (1, STABILITY),
    ),
    # --- Typo fixes and small edits inside ----------------------------------------------
    Scenario(
        "a typo fixed inside the quote",
        ONLINE,
        edit(A, 6, "requests are handled", "requests are dealt with"),
        "changed",
        (6, "online consultation requests are dealt with during core hours"),
    ),
    Scenario(
        "a hyphen added inside the quote",
        "submit non-urgent requests throughout the day",
        edit(A, 7, "throughout the day", "throughout-the-day"),
        "changed",
        (7, "submit non-urgent requests throughout-the-day"),
    ),
    Scenario(
        "one word changed inside a long quote",
        CONSULT,
        edit(A, 4, "consult the profession", "ballot the profession"),
        "changed",
        (4, "it would ballot the profession before accepting the offer"),
    ),
    Scenario(
        "the quote rewritten entirely",
        CONSULT,
        edit(A, 4, CONSULT, "it had no view on the matter yet"),
        "gone",
        None,
    ),
    Scenario(
        "a figure inside the quote corrected",
        "funding uplift of 7.4 per cent next year",
        edit(A, 0, "7.4", "6.1"),
        "changed",
        (0, "funding uplift of 6.1 per cent next year"),
    ),
    # --- Whitespace and punctuation -----------------------------------------------------
    Scenario(
        "extra spaces and a line break inside the quote",
        CONSULT,
        edit(A, 4, "consult the profession", "consult   the\nprofession"),
        "same",
        (4, CONSULT),
    ),
    Scenario(
        "straight apostrophe made curly before the quote",
        CONSULT,
        edit(A, 4, "BMA's", "BMA’s"),
        "same",
        (4, CONSULT),
    ),
    Scenario(
        "a comma added inside the quote",
        STABILITY,
        edit(A, 1, "practices across", "practices, across"),
        "changed",
        (1, "deliver stability for practices, across England"),
    ),
    Scenario(
        "full stop after the quote made a semicolon",
        "the settlement did not go far enough",
        edit(A, 2, "rising costs.", "rising costs;"),
        "same",
        (2, "the settlement did not go far enough"),
    ),
    # --- Deletions ----------------------------------------------------------------------
    Scenario("the quote's paragraph deleted", CONSULT, without(A, 4), "gone", None),
    Scenario("a paragraph before the quote deleted", CONSULT, without(A, 1), "moved", (3, CONSULT)),
    Scenario(
        "the paragraph right after the quote's deleted", STABILITY, without(A, 2), "same", (1, STABILITY)
    ),
    Scenario(
        "words before the quote deleted in its paragraph",
        STABILITY,
        edit(A, 1, ", chair of the Wessex LMC,", ""),
        "moved",
        (1, STABILITY),
    ),
    Scenario(
        "the quote's sentence cut down to a fragment",
        CONSULT,
        edit(A, 4, "it would consult the profession before accepting the offer", "it would act"),
        "gone",
        None,
    ),
    Scenario(
        "the whole body replaced",
        STABILITY,
        ["The piece was withdrawn at the request of the source."],
        "gone",
        None,
    ),
    # --- Moved paragraphs ---------------------------------------------------------------
    Scenario("the quote's paragraph moved to the end", STABILITY, move(A, 1, 7), "moved", (7, STABILITY)),
    Scenario("the quote's paragraph moved to the top", CONSULT, move(A, 4, 0), "moved", (0, CONSULT)),
    Scenario("a whole quoted paragraph moved", WHOLE_P2, move(A, 2, 6), "moved", (6, WHOLE_P2)),
    Scenario("another paragraph moved above the quote", CONSULT, move(A, 7, 0), "moved", (5, CONSULT)),
    Scenario(
        "a quoted paragraph's first sentence, paragraph moved",
        "Dr Amelia Hart, chair of the Wessex LMC",
        move(A, 1, 5),
        "moved",
        (5, "Dr Amelia Hart, chair of the Wessex LMC"),
    ),
    # --- Duplicated sentences and the same words elsewhere ----------------------------------
    Scenario(
        "the quoted sentence repeated as a new paragraph later",
        WHOLE_P2,
        insert(A, 6, WHOLE_P2),
        "same",
        (2, WHOLE_P2),
    ),
    Scenario(
        "the quoted words repeated in another paragraph",
        STABILITY,
        insert(A, 5, f"The minister said the plan would {STABILITY}."),
        "same",
        (1, STABILITY),
    ),
    Scenario(
        "the quoted words repeated above, original intact",
        STABILITY,
        insert(A, 0, f"Ministers say the deal will {STABILITY}."),
        "moved",
        (2, STABILITY),
    ),
    Scenario(
        "quote deleted, its words standing in a new paragraph with other context",
        CONSULT,
        insert(without(A, 4), 5, f"Separately, the RCGP said {CONSULT}."),
        "gone",
        None,
    ),
    Scenario(
        "quote edited, an exact copy now standing elsewhere",
        ONLINE,
        insert(edit(A, 6, ONLINE, "remote requests are handled differently"), 0, f"Note that {ONLINE}."),
        "gone",
        None,
    ),
    Scenario(
        "short quote, original edited, same words in a sentence with the same ending",
        "before accepting the offer",
        insert(
            edit(A, 4, "before accepting the offer", "after the vote"),
            7,
            "Other unions will take a view before accepting the offer.",
        ),
        "gone",
        None,
    ),
    Scenario(
        "quoted paragraph duplicated and original then edited",
        WHOLE_P2,
        insert(edit(A, 2, "did not go", "did go"), 7, WHOLE_P2),
        "changed",
        (
            2,
            "Dr Benedict Osei, a partner in Leeds, said the settlement did go far enough to cover "
            "rising costs.",
        ),
    ),
    # --- Quotes across paragraphs -------------------------------------------------------
    Scenario("a quote across paragraph and heading, unchanged", ACROSS, list(A), "same", (2, ACROSS)),
    Scenario(
        "a quote across paragraphs, text added before",
        CROSS_PARAGRAPH,
        insert(A, 0, "Updated with comment."),
        "moved",
        (2, CROSS_PARAGRAPH),
    ),
    Scenario(
        "a quote across paragraphs, a paragraph put between its halves",
        CROSS_PARAGRAPH,
        insert(A, 2, "She repeated the point."),
        "changed",
        (1, "across England. She repeated the point. Dr Benedict Osei, a partner in Leeds"),
    ),
    Scenario(
        "a quote across paragraphs, the second paragraph deleted",
        CROSS_PARAGRAPH,
        without(A, 2),
        "gone",
        None,
    ),
    # --- In comments --------------------------------------------------------------------
    Scenario("comment: unchanged", "cannot recruit", list(COMMENT), "same", (1, "cannot recruit"), COMMENT),
    Scenario(
        "comment: an edit note added at the top",
        "The uplift does not touch the sides",
        insert(COMMENT, 0, "Edit: corrected a figure."),
        "moved",
        (2, "The uplift does not touch the sides"),
        COMMENT,
    ),
    Scenario(
        "comment: typo fixed inside the quote",
        "We lost two salaried GPs this spring",
        edit(COMMENT, 1, "salaried", "salaryed"),
        "changed",
        (1, "We lost two salaryed GPs this spring"),
        COMMENT,
    ),
    Scenario(
        "comment: the quoted paragraph removed",
        "Another year, another contract",
        without(COMMENT, 0),
        "gone",
        None,
        COMMENT,
    ),
    Scenario(
        "comment: whole comment quoted, a paragraph appended",
        " ".join(COMMENT),
        [*COMMENT, "PS: the LMC agrees."],
        "same",
        (0, " ".join(COMMENT)),
        COMMENT,
    ),
]
