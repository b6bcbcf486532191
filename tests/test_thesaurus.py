"""The glossary as a thesaurus (archive.search.thesaurus): pure, no database."""

import tomllib
from pathlib import Path

import pytest

from archive.search.thesaurus import (
    Entry,
    Thesaurus,
    entries_from,
    literal_query,
    singular,
    split_query,
    words_key,
)

PCN = Entry(("term", "pcn"), "Primary Care Network", "PCN", ("primary care networks",))
ICB = Entry(("org", "icb"), "Integrated Care Board", "ICB", ("integrated care board",))
ARRS = Entry(
    ("term", "arrs"),
    "Additional Roles Reimbursement Scheme",
    "ARRS",
    ("additional roles", "Additional Roles Reimbursement", "AARS"),
)
QOF = Entry(("term", "qof"), "Quality and Outcomes Framework", "QOF", ("Quality & Outcomes Framework", "Qof"))
GPC = Entry(("org", "gpc"), "General Practitioners Committee", "GPC", ("GPC England", "GP committee"))
KINGS = Entry(("org", "kings-fund"), "The King's Fund", "", ("King's Fund", "King’s Fund", "Kings Fund"))
ONS = Entry(("org", "ons"), "Office for National Statistics", "ONS", ())
APMS = Entry(
    ("term", "apms"),
    "Alternative Provider Medical Services contract",
    "APMS",
    ("Alternative Provider Medical Services", "APMS contract", "APMS contracts"),
)
GRIP = Entry(("term", "grip"), "Grip", "", ())
ENHANCED = Entry(("term", "es"), "Enhanced services", "", ("enhanced service",))
A_AND_G = Entry(("term", "ag"), "Advice and Guidance", "A&G", ())
ENTRIES = [PCN, ICB, ARRS, QOF, GPC, KINGS, ONS, APMS, GRIP, ENHANCED, A_AND_G]


@pytest.fixture(scope="module")
def thesaurus():
    return Thesaurus.build(ENTRIES)


def keys(expansions):
    return [(e.entry.key, e.matched) for e in expansions]


@pytest.mark.parametrize(
    "query, entry, matched",
    [
        ("PCN", PCN, "PCN"),
        ("PCNs", PCN, "PCNs"),
        ("pcn", PCN, "pcn"),
        ("primary care network", PCN, "primary care network"),
        ("primary care networks", PCN, "primary care networks"),
        ("Primary Care Networks", PCN, "Primary Care Networks"),
        ("ICBs", ICB, "ICBs"),
        ("integrated care boards", ICB, "integrated care boards"),
        ("ICB's", ICB, "ICB's"),
        ("ARRS", ARRS, "ARRS"),
        ("additional roles reimbursement scheme", ARRS, "additional roles reimbursement scheme"),
        ("quality and outcomes framework", QOF, "quality and outcomes framework"),
        ("Quality & Outcomes Framework", QOF, "Quality & Outcomes Framework"),
        ("Kings Fund", KINGS, "Kings Fund"),
        ("King’s Fund", KINGS, "King’s Fund"),
        ("APMS", APMS, "APMS"),
        ("A&G", A_AND_G, "A&G"),
        ("advice and guidance", A_AND_G, "advice and guidance"),
        ("enhanced service", ENHANCED, "enhanced service"),
    ],
)
def test_a_name_abbreviation_or_alias_in_either_number_names_its_entry(thesaurus, query, entry, matched):
    found = thesaurus.expand(query)
    assert [(e.entry, e.matched) for e in found] == [(entry, matched)]
    assert (found[0].start, found[0].end) == (0, len(query))


def test_the_expansions_are_every_other_name_and_not_the_one_typed(thesaurus):
    (pcn,) = thesaurus.expand("PCNs")
    assert pcn.alternatives == ("Primary Care Network", "primary care networks")
    (full,) = thesaurus.expand("primary care networks")
    assert full.alternatives == ("PCN",)
    (arrs,) = thesaurus.expand("ARRS")
    assert set(arrs.alternatives) == {
        "Additional Roles Reimbursement Scheme",
        "additional roles",
        "Additional Roles Reimbursement",
        "AARS",
    }


def test_the_description_says_what_else_was_searched_for(thesaurus):
    assert thesaurus.expand("PCN")[0].description == "PCN: also primary care network(s)"
    assert thesaurus.expand("PCNs")[0].description == "PCNs: also primary care network(s)"
    assert thesaurus.expand("integrated care boards")[0].description == "integrated care boards: also ICB"
    assert thesaurus.expand("ICB")[0].description == "ICB: also integrated care board"
    assert thesaurus.expand("QOF")[0].description == (
        "QOF: also Quality and Outcomes Framework or Quality & Outcomes Framework"
    )
    assert thesaurus.expand("APMS")[0].description == (
        "APMS: also Alternative Provider Medical Services contract or Alternative Provider Medical Services"
    )
    assert thesaurus.expand("enhanced service")[0].description == ""  # nothing else to search for
    assert (
        thesaurus.expand("GPC")[0].description == "GPC: also General Practitioners Committee or GP committee"
    )


def test_an_entry_with_no_other_names_is_still_found_but_says_nothing(thesaurus):
    (grip,) = thesaurus.expand("grip on practices")
    assert grip.entry is GRIP and grip.alternatives == () and grip.description == ""


def test_names_are_found_among_other_words_with_their_offsets(thesaurus):
    query = "PCN funding for integrated care boards in 2024"
    found = thesaurus.expand(query)
    assert keys(found) == [(("term", "pcn"), "PCN"), (("org", "icb"), "integrated care boards")]
    assert [query[e.start : e.end] for e in found] == ["PCN", "integrated care boards"]


def test_the_longest_name_wins(thesaurus):
    assert keys(thesaurus.expand("GPC England said")) == [(("org", "gpc"), "GPC England")]
    assert keys(thesaurus.expand("additional roles reimbursement scheme")) == [
        (("term", "arrs"), "additional roles reimbursement scheme")
    ]
    assert keys(thesaurus.expand("additional roles funding")) == [(("term", "arrs"), "additional roles")]


def test_short_words_are_not_made_singular_into_acronyms(thesaurus):
    assert thesaurus.expand("views on QOF") and keys(thesaurus.expand("views on QOF")) == [
        (("term", "qof"), "QOF")
    ]
    assert thesaurus.expand("on") == []
    assert thesaurus.expand("ONS")[0].entry is ONS


def test_words_that_only_contain_a_name_do_not_match(thesaurus):
    assert thesaurus.expand("PCNX primary care") == []
    assert thesaurus.expand("networks") == []


def test_literal_words_and_quoted_phrases_are_not_expanded(thesaurus):
    assert thesaurus.expand("=PCN funding") == []
    assert thesaurus.expand('"primary care networks" funding') == []
    found = thesaurus.expand('"primary care networks"', expand_quoted=True)
    assert keys(found) == [(("term", "pcn"), "primary care networks")] and found[0].quoted


def test_a_literal_or_quoted_word_ends_a_run(thesaurus):
    # "primary" is literal, so "care network" alone names nothing
    assert thesaurus.expand("=primary care network") == []
    assert thesaurus.expand('integrated "care" board') == []


def test_or_separates_names_and_each_side_is_expanded(thesaurus):
    found = thesaurus.expand("PCN OR ICB")
    assert keys(found) == [(("term", "pcn"), "PCN"), (("org", "icb"), "ICB")]
    assert thesaurus.expand("integrated OR care board") == []


def test_exclusions_are_reported_as_such(thesaurus):
    found = thesaurus.expand("funding -QOF")
    assert keys(found) == [(("term", "qof"), "QOF")] and found[0].excluded
    # -word excludes one word, so a name never runs on from an exclusion
    assert thesaurus.expand("-primary care network") == []
    assert keys(thesaurus.expand('-"primary care network"', expand_quoted=True)) == [
        (("term", "pcn"), "primary care network")
    ]


def test_punctuation_around_words_is_ignored(thesaurus):
    assert keys(thesaurus.expand("PCNs, ICBs.")) == [(("term", "pcn"), "PCNs"), (("org", "icb"), "ICBs")]
    assert thesaurus.expand("(QOF)")[0].entry is QOF


def test_a_name_shared_by_two_entries_names_both():
    first = Entry(1, "Integrator function", "", ("integrator",))
    second = Entry(2, "Integrator", "", ())
    found = Thesaurus.build([first, second]).expand("integrators")
    assert [e.entry.key for e in found] == [1, 2]


def test_literal_query_marks_one_span():
    thesaurus = Thesaurus.build(ENTRIES)
    query = "PCN funding for integrated care boards"
    pcn, icb = thesaurus.expand(query)
    assert literal_query(query, pcn) == "=PCN funding for integrated care boards"
    assert literal_query(query, icb) == 'PCN funding for "integrated care boards"'
    excluded = "funding -QOF"
    (qof,) = thesaurus.expand(excluded)
    assert literal_query(excluded, qof) == "funding -=QOF"
    assert keys(thesaurus.expand(literal_query(query, pcn))) == [(("org", "icb"), "integrated care boards")]
    assert thesaurus.expand(literal_query(excluded, qof)) == []


def test_split_query_reads_web_syntax():
    parts = split_query('"unwarranted variation" -QOF OR =ARRS "unclosed phrase')
    assert [(p.text, p.quoted, p.excluded, p.literal, p.operator) for p in parts] == [
        ("unwarranted variation", True, False, False, False),
        ("QOF", False, True, False, False),
        ("OR", False, False, False, True),
        ("ARRS", False, False, True, False),
        ("unclosed phrase", True, False, False, False),
    ]
    assert split_query('  "" - = ,  ') == []
    assert split_query("or") == [split_query("or")[0]] and not split_query("or")[0].operator


@pytest.mark.parametrize(
    "word, expected",
    [("pcns", "pcns"[:-1]), ("bodies", "body"), ("networks", "network"), ("ons", "ons"), ("gps", "gps")]
    + [("class", "class"), ("status", "status"), ("analysis", "analysis"), ("care", "care")],
)
def test_singular(word, expected):
    assert singular(word) == expected


def test_words_key_normalises_case_possessives_apostrophes_and_edges():
    assert words_key(["King’s", "Fund"]) == words_key(["kings", "fund"]) == ("king", "fund")
    assert words_key(["Doctors'", "and", "Dentists'"]) == ("doctor", "and", "dentist")
    assert words_key(["NHSE/I"]) == ("nhse/i",)
    assert words_key(["...", "A&G,"]) == ("a&g",)


def test_entries_from_rows():
    entries = entries_from([(("term", "qof"), "Quality and Outcomes Framework", None, None)])
    assert entries == [Entry(("term", "qof"), "Quality and Outcomes Framework", "", ())]


def test_the_archive_glossary_finds_the_readers_examples():
    """The seed glossary (fixtures/*.toml) read without a database: the issue's examples."""
    root = Path(__file__).resolve().parent.parent / "fixtures"
    rows = []
    for file, table, kind in (
        ("organisations.toml", "organisation", "org"),
        ("policy_terms.toml", "term", "term"),
    ):
        for item in tomllib.loads((root / file).read_text())[table]:
            rows.append(((kind, item["slug"]), item["name"], item["abbreviation"], item["aliases"]))
    thesaurus = Thesaurus.build(entries_from(rows))

    def slugs(query):
        return [e.entry.key[1] for e in thesaurus.expand(query)]

    assert slugs("PCN") == slugs("PCNs") == slugs("primary care networks") == ["pcn"]
    assert slugs("integrated care boards") == slugs("ICBs") == ["icbs"]
    assert slugs("additional roles reimbursement scheme") == slugs("ARRS") == ["arrs"]
    assert slugs("quality and outcomes framework") == slugs("QOF") == ["qof"]
    assert slugs("QOF abolition") == ["qof"]
    assert slugs("breach notice") == []
    (pcn,) = thesaurus.expand("PCN")
    assert pcn.description == "PCN: also primary care network(s)"


@pytest.mark.django_db
def test_the_archive_thesaurus_is_read_from_the_glossary_tables():
    from archive.search.glossary_thesaurus import archive_thesaurus
    from tests.factories import make_article, make_organisation, make_term

    icbs = make_organisation("Integrated Care Boards", "ICB", ("integrated care board",), slug="icbs")
    pcn = make_term("Primary Care Network", "PCN", ("primary care networks",), slug="pcn")
    make_term("Unseen Term", "UT", slug="unseen")  # on no published piece: readers never meet it
    article = make_article(title="Both", body="PCN and ICB.")
    article.organisation_mentions.create(organisation=icbs, count=1)
    article.term_mentions.create(term=pcn, count=1)
    thesaurus = archive_thesaurus()
    assert thesaurus.expand("UT") == []
    found = thesaurus.expand("PCNs and integrated care boards")
    assert [e.entry.key for e in found] == [("term", "pcn"), ("org", "icbs")]
    assert found[0].description == "PCNs: also primary care network(s)"
    assert found[1].description == "integrated care boards: also ICB"


def test_acronym_forms_give_the_other_number_of_an_acronym_only():
    from archive.search.thesaurus import acronym_forms

    assert acronym_forms("PCN") == ["PCN", "PCNs"]
    assert acronym_forms("ICBs") == ["ICBs", "ICB"]
    assert acronym_forms("GP") == ["GP", "GPs"]
    assert acronym_forms("networks") == ["networks"]
    assert acronym_forms("Pcns") == ["Pcns"]
    assert acronym_forms("A") == ["A"]
