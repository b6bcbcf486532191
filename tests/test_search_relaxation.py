"""Relaxation: when every word together finds less than a page, the page continues with pieces
that have some of the words, the most words first, each saying what it lacks (issue 16)."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def api(client, **params):
    return client.get("/api/search/", params).json()


def titles(hits):
    return [hit["title"] for hit in hits]


@pytest.fixture
def pieces():
    make_article(
        title="Quotas pared back", body="The framework keeps fewer indicators this year.", slug="quotas"
    )
    make_article(title="Indicator abolition plan", body="Ministers plan its end.")
    make_article(title="Framework framework funding", body="Money follows the framework, the framework.")
    make_article(title="Framework abolition", body="The framework may go.", slug="abolition")
    make_article(title="Unrelated", body="Estates and premises.")


def test_the_most_words_matched_first_then_by_rank(client, pieces):
    data = api(client, q="framework indicators abolition")
    assert data["total"] == 0 and data["relaxed"] is True and data["relaxed_total"] == 4
    hits = data["hits"]
    assert {hit["match"] for hit in hits} == {"some"}
    # Two words of three, whatever their rank, before the piece with one word in its title.
    assert set(titles(hits[:3])) == {"Quotas pared back", "Indicator abolition plan", "Framework abolition"}
    assert titles(hits[3:]) == ["Framework framework funding"]
    missing = {hit["title"]: hit["missing"] for hit in hits}
    assert missing == {
        "Quotas pared back": ["abolition"],
        "Indicator abolition plan": ["framework"],
        "Framework abolition": ["indicators"],
        "Framework framework funding": ["indicators", "abolition"],
    }


def test_relaxed_hits_follow_the_strict_ones_and_never_repeat_them(client, pieces):
    data = api(client, q="framework abolition")
    assert data["total"] == 1 and data["relaxed_total"] == 3
    assert (data["hits"][0]["title"], data["hits"][0]["match"]) == ("Framework abolition", "all")
    assert "missing" not in data["hits"][0]
    assert {hit["title"]: hit["missing"] for hit in data["hits"][1:]} == {
        "Indicator abolition plan": ["framework"],
        "Quotas pared back": ["abolition"],
        "Framework framework funding": ["abolition"],
    }
    assert data["facets_count"] == "all"  # the counts describe the one strict hit
    assert sum(value["count"] for value in data["facets"]["kind"]) == 1


def test_facets_count_the_relaxed_set_when_nothing_has_every_word(client, pieces):
    data = api(client, q="framework zebra")
    assert data["total"] == 0 and data["facets_count"] == "some"
    assert sum(value["count"] for value in data["facets"]["kind"]) == 3


def test_phrases_and_exclusions_are_never_relaxed(client, pieces):
    assert titles(api(client, q='"framework keeps" zebra abolition')["hits"]) == []
    data = api(client, q='"the framework" indicators abolition')
    assert set(titles(data["hits"])) == {"Quotas pared back", "Framework abolition"}
    assert all("“the framework”" not in hit["missing"] for hit in data["hits"])
    data = api(client, q="framework abolition -money")
    assert titles(data["hits"])[0] == "Framework abolition"
    assert set(titles(data["hits"])) == {
        "Framework abolition",
        "Indicator abolition plan",
        "Quotas pared back",
    }


def test_a_single_word_or_a_full_page_is_not_relaxed(client, pieces):
    assert api(client, q="zebra")["relaxed"] is False
    for number in range(20):
        make_article(title=f"Framework note {number}", body="Framework abolition again.")
    data = api(client, q="framework abolition")
    assert data["total"] == 21 and data["relaxed"] is False and len(data["hits"]) == 20


def test_the_page_shows_the_divider_and_the_missing_words(client, pieces):
    html = client.get("/search/", {"q": "framework abolition"}).content.decode()
    strict, relaxed = html.split("Results with some of your words")
    assert "/articles/abolition/" in strict and "/articles/quotas/" not in strict
    assert "/articles/quotas/" in relaxed and "Missing: <s>abolition</s>" in relaxed
    assert "3 pieces match some but not all of your words" in relaxed
    assert "Counts are of the results with all of your words." in html
    html = client.get("/search/", {"q": "framework zebra"}).content.decode()
    assert "Nothing has all of your words" in html and "clear the filters" not in html
    assert "Counts are of the results with some of your words." in html


def test_feeds_list_only_what_has_every_word(client, pieces):
    body = client.get("/feeds/search/", {"q": "framework abolition"}).content.decode()
    assert "Framework abolition" in body and "Quotas pared back" not in body
