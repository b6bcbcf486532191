"""The glossary as a thesaurus in search: a name, abbreviation or alias (singular or plural)
finds the entry's other names, tagged pieces rank higher, and the page says what was
expanded with a link to the word alone (issue 16)."""

import pytest

from archive.search.expansion import expand
from archive.search.query import AllOf, AnyOf, Phrase, Word, parse
from archive.search.thesaurus import Entry, Thesaurus
from tests.factories import make_article, make_comment, make_term

PCN = Entry(("term", "pcn"), "Primary Care Network", "PCN", ("primary care networks",))
THESAURUS = Thesaurus.build([PCN])


class TestTheTree:
    def test_an_acronym_becomes_any_of_its_names_with_its_tag(self):
        tree, found = expand(parse("PCNs funding"), THESAURUS, {("term", "pcn"): 7})
        (names, funding) = tree.items
        assert names == AnyOf(
            (Word("PCNs"), Phrase("Primary Care Network"), Phrase("primary care networks"), Word("PCN")),
            tags=(("term", 7),),
            label="PCNs",
        )
        assert funding == Word("funding")
        assert [(e.matched, e.start, e.end) for e in found] == [("PCNs", 0, 4)]

    def test_a_full_name_keeps_its_words_as_typed_and_gains_the_acronym(self):
        tree, found = expand(parse("primary care networks"), THESAURUS)
        (names,) = tree.items
        typed = AllOf((Word("primary"), Word("care"), Word("networks")))
        assert names.items == (typed, Word("PCN")) and names.tags == ()
        assert found[0].description == "primary care networks: also PCN"

    def test_an_acronym_typed_in_lower_case_still_gains_the_acronym(self):
        tree, _ = expand(parse("pcns"), THESAURUS)
        assert Word("PCN") in tree.items[0].items

    def test_literal_words_phrases_and_exclusions_are_searched_as_written(self):
        for text in ("=PCN", '"PCN"', "-PCN funding"):
            tree, found = expand(parse(text), THESAURUS)
            assert found == [] and tree == parse(text)

    def test_each_word_of_an_or_group_is_expanded(self):
        tree, found = expand(parse("PCN OR practice"), THESAURUS)
        (group,) = tree.items
        assert group.items[0].label == "PCN" and group.items[1] == Word("practice")
        assert [e.matched for e in found] == ["PCN"]


pytestmark = pytest.mark.django_db


def api(client, **params):
    return client.get("/api/search/", params).json()


@pytest.fixture
def network():
    term = make_term("Primary Care Network", "PCN", ("primary care networks",), slug="pcn")
    acronym = make_article(title="Directors paid less", body="Clinical directors of PCNs face cuts.")
    full = make_article(title="Networks in trouble", body="Many primary care networks are short of staff.")
    for article in (acronym, full):
        article.term_mentions.create(term=term, count=1)
    return term


def titles(data):
    return [hit["title"] for hit in data["hits"]]


def test_the_acronym_finds_the_full_name_and_back(client, network):
    assert set(titles(api(client, q="PCN"))) == {"Directors paid less", "Networks in trouble"}
    assert set(titles(api(client, q="primary care networks"))) == {
        "Directors paid less",
        "Networks in trouble",
    }
    assert set(titles(api(client, q="primary care network"))) == {
        "Directors paid less",
        "Networks in trouble",
    }


def test_acronym_plurals_and_singulars_find_each_other(client, network):
    make_article(title="One network", body="Our PCN met.")
    assert "One network" in titles(api(client, q="=PCNs"))
    assert "Directors paid less" in titles(api(client, q="=PCN"))  # it says "PCNs"
    assert set(titles(api(client, q="pcns"))) == {"Directors paid less", "Networks in trouble", "One network"}


def test_the_word_alone_and_what_was_expanded(client, network):
    data = api(client, q="PCN")
    (note,) = data["expanded"]
    assert note["words"] == "PCN" and note["description"] == "PCN: also primary care network(s)"
    assert note["literal_query"] == "=PCN" and note["literal_url"].endswith("/search/?q=%3DPCN")
    assert titles(api(client, q="=PCN")) == ["Directors paid less"]
    assert api(client, q="=PCN")["expanded"] == []
    html = client.get("/search/", {"q": "PCN"}).content.decode()
    assert "PCN: also primary care network(s)." in html
    assert '<a href="/search/?q=%3DPCN">Search for PCN only</a>' in html


def test_a_piece_tagged_with_the_entry_ranks_above_one_that_is_not(client, network):
    plain = make_article(title="Cuts", body="PCNs, PCNs: clinical directors of PCNs face cuts.")
    assert titles(api(client, q="=PCN"))[0] == "Cuts"  # the word alone: the untagged piece says it most
    ranked = titles(api(client, q="PCN"))
    assert ranked.index("Directors paid less") < ranked.index(plain.title)


def test_comments_are_expanded_too(client, network):
    article = make_article(title="Elsewhere", body="Nothing relevant.")
    make_comment(article, body="My primary care network disagrees.")
    assert "Dr Sceptical on “Elsewhere”" in titles(api(client, q="PCNs"))


COMMENT = "Dr Sceptical on “Quiet week”"


@pytest.mark.parametrize(
    "params, strict, relaxed",
    [
        # a glossary name of several words among the alternatives
        ({"q": "PCN"}, {"Directors paid less", "Networks in trouble", COMMENT}, set()),
        ({"q": "PCN", "kind": "article"}, {"Directors paid less", "Networks in trouble"}, set()),
        (
            {"q": '"primary care networks" OR "clinical directors"'},
            {"Directors paid less", "Networks in trouble", "Staff and directors", COMMENT},
            set(),
        ),
        ({"q": 'staff -"clinical directors"'}, {"Networks in trouble"}, set()),  # an excluded phrase
        # relaxed, with its phrase held: "absentword" is in no text
        ({"q": 'networks "primary care" absentword'}, set(), {"Networks in trouble", COMMENT}),
        ({"q": '"clinical directors" OR cuts', "term": "pcn"}, {"Directors paid less"}, set()),
    ],
)
def test_phrases_among_alternatives(client, network, params, strict, relaxed):
    """A quoted phrase or a glossary name of several words that is one alternative among others
    (an OR, an exclusion, a relaxed search, a filter): exactly the pieces a reader expects, and
    every facet count what choosing its value gives."""
    make_article(title="Staff and directors", body="Staff leave as clinical directors go.")
    article = make_article(title="Quiet week", body="Nothing about networks at all.")
    make_comment(article, body="Primary care networks need staff, and clinical directors too.")

    data = api(client, **params)
    assert data["total"] == len(strict)
    assert {hit["title"] for hit in data["hits"] if hit["match"] == "all"} == strict
    assert {hit["title"] for hit in data["hits"] if hit["match"] != "all"} == relaxed
    assert all(hit["missing"] == ["absentword"] for hit in data["hits"] if hit["match"] != "all")
    for name, values in data["facets"].items():
        for value in values:
            if value["count"] and not value.get("selected"):
                chosen = api(client, **{**params, name: value["value"]})
                # the counts describe the strict hits, or the relaxed ones when there are none
                assert chosen["total" if strict else "relaxed_total"] == value["count"], (name, value)
