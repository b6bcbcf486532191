"""Atom feeds read by feedparser: the latest pieces, searches, and each subject's page."""

import re
from datetime import datetime

import feedparser
import pytest

from tests.reuse_data import DRAFT_WORDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(reuse_archive):
    return reuse_archive


@pytest.fixture
def _search_index(reuse_archive_indexed, kept_search_index):
    """Every test here reads the reuse archive: indexed once for the module and kept between its
    tests (tests/conftest.py, `kept_search_index`), instead of emptied and filled again by each."""


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception  # well-formed Atom
    assert feed.version == "atom10"
    return feed


def by_link(feed) -> dict:
    return {entry.link.removeprefix("http://testserver"): entry for entry in feed.entries}


def test_latest_pieces(client, archive):
    feed = read(client, "/feeds/latest/")
    assert feed.feed.title == "GP Contract Archive: latest pieces"
    assert feed.feed.link == "http://testserver/"
    assert [entry.title for entry in feed.entries] == [
        "An undated essay on the resilience fund",  # most recently added first
        "Notes from a practice manager",
        "Alliance warns on resilience fund",
    ]
    entry = by_link(feed)["/articles/alliance-warns/"]
    assert [author.name for author in entry.authors] == ["Dr Imogen Testwell", "Sam Example"]
    assert entry.authors[0].href == "http://testserver/people/imogen-testwell/"
    assert entry.summary == "The WPA says the fund is too small."
    assert {tag.term for tag in entry.tags} == {"Practice resilience fund", "Wessex Practice Alliance"}
    assert entry.id == "http://testserver/articles/alliance-warns/"


def test_dates_are_never_invented(client, archive):
    entries = by_link(read(client, "/feeds/latest/"))
    dated = entries["/articles/alliance-warns/"]
    assert dated.published == "2024-05-01T00:00:00+01:00"  # the source's day, London midnight
    updated = datetime.fromisoformat(dated.updated)
    assert updated == archive["dated"].updated_at  # the archive's record, always known
    for slug in ("practice-manager-notes", "undated-essay"):  # month-only and inferred; unknown
        entry = entries[f"/articles/{slug}/"]
        assert "published" not in entry and entry.updated
        assert [author.name for author in entry.authors] == ["Author unknown"]


def test_a_search_as_a_feed(client, archive):
    feed = read(client, "/feeds/search/?q=plaster&kind=comment")
    assert feed.feed.title == "GP Contract Archive: search for “plaster” · Kind: Comments"
    assert feed.feed.subtitle.startswith("1 result for “plaster”")
    (entry,) = feed.entries
    assert entry.title == "Dr Sceptical on “Alliance warns on resilience fund”"
    assert entry.link == f"http://testserver/articles/alliance-warns/#comment-{archive['script_comment'].pk}"
    assert entry.published == "2024-05-02T17:45:00+00:00"  # 6:45 pm in London
    # Plain text in an HTML summary: escaped, so a reader shows the words and runs nothing.
    assert (
        entry.summary
        == "The resilience fund &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; is a sticking plaster."
    )
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == "http://testserver/feeds/search/?q=plaster&kind=comment"


def test_a_search_feed_has_the_searchs_hits_newest_first(client, archive):
    feed = read(client, "/feeds/search/?q=fund&sort=oldest&page=7")  # sort and page do not apply
    data = client.get("/api/search/?q=fund&sort=newest").json()
    assert [entry.link for entry in feed.entries] == [hit["url"] for hit in data["hits"]]


@pytest.mark.parametrize(
    "feed_url, page_url, title",
    [
        ("/feeds/topics/resilience-fund/", "/topics/resilience-fund/", "Practice resilience fund (topic)"),
        ("/feeds/organisations/wpa/", "/organisations/wpa/", "Wessex Practice Alliance (organisation)"),
        ("/feeds/people/imogen-testwell/", "/people/imogen-testwell/", "Dr Imogen Testwell (person)"),
        (
            "/feeds/publications/practice-gazette/",
            "/publications/practice-gazette/",
            "The Practice Gazette (publication)",
        ),
    ],
)
def test_subject_feeds_are_discoverable_and_list_the_page(client, archive, feed_url, page_url, title):
    feed = read(client, feed_url)
    assert feed.feed.title == f"GP Contract Archive: {title}"
    html = client.get(page_url + "?sort=newest").content.decode()
    listed = re.findall(r'<h3 class="hit-title"><a href="([^"]+)">', html)
    # The same hits; the page shows an article's comments under it, the feed by date alone.
    assert sorted(entry.link.removeprefix("http://testserver") for entry in feed.entries) == sorted(listed)
    assert len(listed) == len(set(listed))
    page = client.get(page_url).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" title="GP Contract Archive: {title}"' in page
    assert f'href="{feed_url}"' in page


def test_autodiscovery_on_home_and_search(client, archive):
    home = client.get("/").content.decode()
    assert (
        'type="application/atom+xml" title="GP Contract Archive: latest pieces" href="/feeds/latest/"' in home
    )
    search = client.get("/search/?q=fund&kind=article&page=1").content.decode()
    assert 'type="application/atom+xml" title="GP Contract Archive: This search"' in search
    assert 'href="/feeds/search/?q=fund&amp;kind=article"' in search


def test_unknown_subjects_are_404_and_bad_parameters_are_ignored(client, archive):
    assert client.get("/feeds/topics/no-such-topic/").status_code == 404
    feed = read(client, "/feeds/search/?year=abc&org=<script>&from=2024-02-30")
    assert len(feed.entries) == 5  # every published piece and comment: the bad filters are ignored


def test_feeds_answer_conditional_requests(client, archive):
    first = client.get("/feeds/latest/")
    assert client.get("/feeds/latest/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    modified = client.get("/feeds/latest/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert modified.status_code == 304
    assert first["Access-Control-Allow-Origin"] == "*"


def test_drafts_never_appear(client, archive):
    for url in ["/feeds/latest/", "/feeds/search/", "/feeds/people/imogen-testwell/"]:
        body = client.get(url).content.decode()
        assert DRAFT_WORDS not in body and "secret-draft" not in body, url
    assert read(client, f"/feeds/search/?q={DRAFT_WORDS}").entries == []


def test_control_characters_never_break_the_xml(client, archive):
    article = archive["dated"]
    article.title = "A title with a \x08 backspace and a \x1b escape"
    article.save()
    feed = read(client, "/feeds/search/?q=fund")
    assert "A title with a  backspace and a  escape" in [entry.title for entry in feed.entries]
    # In a request they are refused before the feed is made, in plain text (archive/edge.py).
    response = client.get("/feeds/search/?kind=%08&q=fund%0B")
    assert response.status_code == 400 and response["Content-Type"] == "text/plain; charset=utf-8"
