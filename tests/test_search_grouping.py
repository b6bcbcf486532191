"""Grouped results: several matching comments of one article shown under it, on the page and,
with group=1, in the API (issue 16)."""

import pytest

from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    article = make_article(title="Indemnity scheme ends", body="The indemnity scheme ends in April.")
    for name in ("Dr Ash", "Dr Birch", "Dr Cedar"):
        make_comment(article, author_name=name, body="Indemnity worries me.")
    quiet = make_article(title="Quiet piece", body="Nothing to see.", slug="quiet-piece")
    make_comment(quiet, author_name="Dr Elm", body="Indemnity, again.")
    make_comment(quiet, author_name="Dr Fir", body="Indemnity costs.")
    make_article(title="Indemnity explained", body="What indemnity covers.")
    return article


def test_the_api_groups_comments_under_their_article_on_request(client, thread):
    flat = client.get("/api/search/", {"q": "indemnity"}).json()
    assert flat["total"] == 7 and len(flat["hits"]) == 7 and "groups" not in flat
    data = client.get("/api/search/", {"q": "indemnity", "group": "1"}).json()
    assert data["total"] == 7 and data["pieces"] == 3  # hits and pieces both said
    by_title = {group["article"]["title"]: group for group in data["groups"]}
    assert set(by_title) == {"Indemnity scheme ends", "Quiet piece", "Indemnity explained"}
    assert by_title["Indemnity scheme ends"]["hit"]["title"] == "Indemnity scheme ends"
    assert len(by_title["Indemnity scheme ends"]["comments"]) == 3
    assert by_title["Quiet piece"]["hit"] is None  # only its comments matched
    assert [c["authors"][0]["name"] for c in by_title["Quiet piece"]["comments"]] in (
        ["Dr Elm", "Dr Fir"],
        ["Dr Fir", "Dr Elm"],
    )
    assert by_title["Indemnity explained"]["comments"] == []
    # Every hit of the flat list is in exactly one group.
    grouped = [g["hit"]["url"] for g in data["groups"] if g["hit"]]
    grouped += [c["url"] for g in data["groups"] for c in g["comments"]]
    assert sorted(grouped) == sorted(hit["url"] for hit in flat["hits"])


def test_the_page_shows_each_article_once_with_its_matching_comments(client, thread):
    html = client.get("/search/", {"q": "indemnity"}).content.decode()
    assert "7 hits on this page, from 3 pieces." in html
    assert html.count("<summary>3 matching comments</summary>") == 1
    assert html.count("<summary>2 matching comments</summary>") == 1
    assert html.count('class="hit hit-group"') == 2
    assert html.count('<a class="group-article" href="/articles/quiet-piece/">Quiet piece</a>') == 1


def test_a_single_comment_is_a_plain_hit(client):
    article = make_article(title="Lonely", body="Nothing.")
    make_comment(article, body="Indemnity once.")
    html = client.get("/search/", {"q": "indemnity"}).content.decode()
    assert "hit-group" not in html and "matching comment" not in html and "hit hit-comment" in html


def test_one_comment_under_its_matching_article_is_shown_open(client):
    article = make_article(title="Indemnity news", body="Indemnity changes.", slug="indemnity-news")
    make_comment(article, body="Indemnity at last.")
    html = client.get("/search/", {"q": "indemnity"}).content.decode()
    assert html.count('class="hit hit-group"') == 1
    assert "<details" not in html.split('class="hit hit-group"')[1] and "hit hit-comment" in html
