"""The tagger: true and false positives, overlaps, counts. No database."""

import pytest

from archive.core.tagger import TagEntry, Tagger


@pytest.fixture(scope="module")
def tagger():
    return Tagger.build(
        [
            TagEntry("bma", ["British Medical Association", "BMA"]),
            TagEntry("gpc", ["GPC England", "GPC", "GP committee", "General Practitioners Committee"]),
            TagEntry("icb", ["Integrated care board", "ICB"]),
            TagEntry("nhse", ["NHS England", "NHSE"]),
            TagEntry("ag", ["Advice and Guidance", "A&G"]),
            TagEntry("des", ["Directed Enhanced Service", "DES"]),
            TagEntry("uv", ["unwarranted variation"]),
            TagEntry("kf", ["The King's Fund", "King’s Fund", "King's Fund"]),
            TagEntry("qof", ["Quality and Outcomes Framework", "QOF", "Qof"]),
        ]
    )


def keys(tagger, text):
    return dict(tagger.count(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The BMA said no.", {"bma": 1}),
        ("ICBs and the ICB's plans", {"icb": 2}),
        ("integrated care boards are busy", {"icb": 1}),
        ("Integrated Care Board", {"icb": 1}),
        ("GPC England is the GPC", {"gpc": 2}),
        ("the BMA England GP committee chair", {"bma": 1, "gpc": 1}),
        ("use A&G first; advice and guidance later", {"ag": 2}),
        ("reduce “unwarranted variation”", {"uv": 1}),
        ("Unwarranted\nvariation", {"uv": 1}),
        ("the King’s Fund and The King's Fund", {"kf": 2}),
        ("NHSE and NHS England", {"nhse": 2}),
        ("QOF points and the Qof", {"qof": 2}),
    ],
)
def test_true_positives(tagger, text, expected):
    assert keys(tagger, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "BMAX and SUBMAS and ABMA",  # never inside another word
        "The excellent Des Spence wrote about it",  # "Des" is a name, not a DES
        "bma in lower case is not the acronym",
        "icbs written in lower case",
        "GPCE and XGPC are other codes",
        "advice and guidanceship",
        "variation that is warranted",
    ],
)
def test_false_positives(tagger, text):
    assert tagger.find(text) == []


def test_word_boundaries_inside_words(tagger):
    assert keys(tagger, "SUBMAS BMAX ABMA") == {}
    assert keys(tagger, "(BMA), BMA. BMA’s") == {"bma": 3}


def test_longest_name_wins_where_names_overlap(tagger):
    mentions = tagger.find("GPC England said")
    assert [(m.key, m.text) for m in mentions] == [("gpc", "GPC England")]


def test_positions_are_in_text_order(tagger):
    mentions = tagger.find("NHSE asked ICBs to ask the BMA")
    assert [m.key for m in mentions] == ["nhse", "icb", "bma"]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_empty_tagger_finds_nothing():
    assert Tagger.build([]).find("BMA") == []
