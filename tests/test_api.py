"""The JSON API: every endpoint against the HTML page it mirrors, pages, errors, 304s and CORS."""

import re

import pytest

from archive.api.views import PAGE_SIZE
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(reuse_archive):
    return reuse_archive


@pytest.fixture
def _search_index(reuse_archive_indexed, kept_search_index):
    """Every test here reads the reuse archive: indexed once for the module and kept between its
    tests (tests/conftest.py, `kept_search_index`), instead of emptied and filled again by each."""


def hit_links(html: str) -> list[str]:
    return re.findall(r'<h3 class="hit-title"><a href="([^"]+)">', html)


def grouped_links(data: dict) -> list[str]:
    """The hits of a grouped API answer in the page's order: each article, then its comments."""
    return [
        hit["url"].removeprefix("http://testserver")
        for group in data["groups"]
        for hit in ([group["hit"]] if group["hit"] else []) + group["comments"]
    ]


def description(html: str) -> str:
    return re.search(r'<p class="search-description" role="status">([^<]*)</p>', html).group(1)


SEARCHES = ["", "q=fund", "q=fund&kind=comment", "term=resilience-fund&sort=oldest", "org=wpa", "year=2024"]


@pytest.mark.parametrize("query_string", SEARCHES)
def test_the_search_api_gives_the_pages_hits_and_counts(client, archive, query_string):
    html = client.get(f"/search/?{query_string}").content.decode()
    data = client.get(f"/api/search/?{query_string}").json()
    grouped = client.get(f"/api/search/?{query_string}&group=1").json()
    assert grouped_links(grouped) == hit_links(html)  # the page groups comments under their article
    assert sorted(grouped_links(grouped)) == sorted(
        hit["url"].removeprefix("http://testserver") for hit in data["hits"]
    )
    assert data["description"] == description(html).replace("&quot;", '"').replace("&#x27;", "'")
    assert data["total"] == len(data["hits"])


@pytest.mark.parametrize(
    "page, api",
    [
        ("/topics/resilience-fund/", "/api/search/?term=resilience-fund"),
        ("/organisations/wpa/", "/api/search/?org=wpa"),
        ("/people/imogen-testwell/", "/api/search/?author=imogen-testwell"),
        ("/publications/practice-gazette/", "/api/search/?publication=practice-gazette"),
    ],
)
def test_a_subject_pages_list_is_its_search_in_the_api(client, archive, page, api):
    html = client.get(page).content.decode()
    data = client.get(api).json()
    grouped = client.get(f"{api}&group=1").json()
    assert grouped_links(grouped) == hit_links(html)
    assert len(data["hits"]) == len(hit_links(html))
    assert f'href="{api}' in html.replace("&amp;", "&")  # the page links to its JSON


def test_the_search_api_keeps_its_fields(client, archive):
    data = client.get("/api/search/?q=fund").json()
    assert set(data) >= {"query", "description", "total", "estimated", "page", "pages", "sort", "next"}
    assert set(data) >= {"previous", "notes", "suggestion", "hits", "facets"}
    assert set(data["hits"][0]) >= {
        "kind",
        "id",
        "url",
        "title",
        "date",
        "authors",
        "snippet",
        "snippet_html",
    }


def test_article_detail_matches_its_page(client, archive):
    data = client.get("/api/articles/alliance-warns/").json()
    html = client.get("/articles/alliance-warns/").content.decode()
    assert data["title"] == "Alliance warns on resilience fund"
    assert data["date"] == {
        "value": "2024-05-01",
        "precision": "day",
        "approximate": False,
        "display": "1 May 2024",
        "note": "",
    }
    assert [author["slug"] for author in data["authors"]] == ["imogen-testwell", "sam-example"]
    assert data["publication"]["slug"] == "practice-gazette"
    assert [block["url"].rsplit("#", 1)[1] for block in data["blocks"]] == ["p-1", "p-2"]
    assert all(f'id="{block["url"].rsplit("#", 1)[1]}"' in html for block in data["blocks"])
    assert data["comment_count"] == 2 == html.count('class="comment" id="comment-')
    assert [comment["author_name"] for comment in data["comments"]] == ["=cmd|' /C calc'!A0", "Dr Sceptical"]
    assert data["comments"][1]["posted_at"] == "2024-05-02T18:45:00+01:00"
    assert [org["slug"] for org in data["organisations"]] == ["wpa"]
    assert [topic["slug"] for topic in data["topics"]] == ["resilience-fund"]
    assert data["citations"]["bibtex"] == "http://testserver/articles/alliance-warns/citation.bib"


def test_dates_are_only_as_precise_as_the_source(client, archive):
    inferred = client.get("/api/articles/practice-manager-notes/").json()
    assert inferred["date"]["value"] == "2023-04" and inferred["date"]["approximate"] is True
    assert inferred["date"]["display"] == "c. April 2023" and inferred["authors"] == []
    assert inferred["title_supplied"] is True and inferred["publication"] is None
    undated = client.get("/api/articles/undated-essay/").json()
    assert undated["date"]["value"] is None and undated["date"]["precision"] == "unknown"


def test_lists_and_details_of_subjects(client, archive):
    topics = client.get("/api/topics/").json()
    assert topics["count"] == 1 and topics["results"][0]["article_count"] == 3  # the draft is not counted
    topic = client.get("/api/topics/resilience-fund/").json()
    assert topic["definition"] == "An invented fund."
    assert topic["feed_url"] == "http://testserver/feeds/topics/resilience-fund/"
    assert topic["search_api_url"] == "http://testserver/api/search/?term=resilience-fund"
    organisation = client.get("/api/organisations/wpa/").json()
    assert organisation["short_name"] == "WPA" and organisation["description"] == "An invented body."
    person = client.get("/api/people/imogen-testwell/").json()
    assert person["role"] == "GP partner" and person["article_count"] == 1
    people = client.get("/api/people/").json()
    assert [person["slug"] for person in people["results"]] == ["imogen-testwell", "sam-example"]
    publication = client.get("/api/publications/practice-gazette/").json()
    assert publication["article_count"] == 1 and publication["website"] is None


def test_quotes(client, archive):
    quote = archive["quote"]
    data = client.get("/api/quotes/").json()
    assert [item["id"] for item in data["results"]] == [quote.pk]  # the draft's quote is not listed
    detail = client.get(f"/api/quotes/{quote.pk}/").json()
    assert detail["exact"] == "the Practice resilience fund was too small"
    assert detail["curated"] is True and detail["speaker"]["slug"] == "imogen-testwell"
    assert detail["speaker_organisation"]["slug"] == "wpa"
    assert detail["url"] == f"http://testserver/q/{quote.pk}"
    assert detail["citation"].startswith("Dr Imogen Testwell, Sam Example, “Alliance warns")
    assert client.get("/api/quotes/?curated=1").json()["count"] == 1


def test_pagination_links_and_counts(client, archive):
    for number in range(PAGE_SIZE + 5):
        make_article(f"Filler piece {number}", slug=f"filler-{number}")
    first = client.get("/api/articles/").json()
    assert first["count"] == PAGE_SIZE + 8 and first["pages"] == 2 and first["previous"] is None
    assert len(first["results"]) == PAGE_SIZE
    assert first["next"] == "http://testserver/api/articles/?page=2"
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 8 and second["next"] is None
    assert second["previous"] == "http://testserver/api/articles/"
    slugs = [item["slug"] for item in first["results"] + second["results"]]
    assert len(set(slugs)) == PAGE_SIZE + 8 and "secret-draft" not in slugs


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", "²", "9" * 50, "<script>"])
@pytest.mark.parametrize("url", ["/api/articles/", "/api/topics/", "/api/quotes/", "/api/search/"])
def test_bad_pages_are_a_clear_json_404(client, archive, url, page):
    response = client.get(url, {"page": page})
    # Digits other than 0-9 are refused at the door (archive/edge.py), the rest by the page.
    status = 400 if page == "²" else 404
    assert response.status_code == status and response["Content-Type"] == "application/json"
    assert response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_missing_records_and_writes_are_json_errors(client, archive):
    for url in [
        "/api/articles/secret-draft/",
        "/api/articles/nope/",
        "/api/topics/nope/",
        "/api/quotes/nope/",
    ]:
        response = client.get(url)
        assert response.status_code == 404 and "error" in response.json(), url
    response = client.post("/api/articles/", {"title": "mine"})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    assert "read-only" in response.json()["error"]


class TestConditionalRequests:
    def test_if_none_match_gives_304_until_the_data_changes(self, client, archive):
        first = client.get("/api/topics/resilience-fund/")
        etag = first["ETag"]
        again = client.get("/api/topics/resilience-fund/", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
        assert again["Access-Control-Allow-Origin"] == "*"
        archive["fund"].definition = "A changed definition."  # no timestamp: the ETag still sees it
        archive["fund"].save()
        changed = client.get("/api/topics/resilience-fund/", HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200 and changed.json()["definition"] == "A changed definition."

    def test_if_modified_since_on_an_article(self, client, archive):
        first = client.get("/api/articles/alliance-warns/")
        last_modified = first["Last-Modified"]
        assert (
            client.get("/api/articles/alliance-warns/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code
            == 304
        )
        assert (
            client.head("/api/articles/alliance-warns/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code
            == 304
        )
        earlier = "Mon, 01 Jan 2024 00:00:00 GMT"
        assert client.get("/api/articles/alliance-warns/", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200

    def test_the_search_answers_if_none_match(self, client, archive):
        etag = client.get("/api/search/?q=fund")["ETag"]
        assert client.get("/api/search/?q=fund", HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert client.get("/api/search/?q=plaster", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_cors_for_reads_and_preflights(client, archive):
    response = client.get("/api/articles/", HTTP_ORIGIN="https://elsewhere.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/articles/",
        HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_the_api_page_documents_every_endpoint(client, archive):
    response = client.get("/api/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    for endpoint in ["/api/search/", "/api/articles/", "/api/topics/", "/api/organisations/", "/api/people/"]:
        assert endpoint in html
    for words in [
        "/api/quotes/",
        "/api/publications/",
        "If-None-Match",
        "Access-Control-Allow-Origin",
        "304",
    ]:
        assert words in html
    assert 'href="/api/articles/alliance-warns/"' in html  # a real example
