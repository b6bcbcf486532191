"""Discovery: sitemap, robots.txt, canonical links, Open Graph on every page, JSON-LD, and /data/."""

import html as html_module
import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

from tests.reuse_data import DRAFT_WORDS

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def archive(reuse_archive):
    return reuse_archive


@pytest.fixture
def _search_index(reuse_archive_indexed, kept_search_index):
    """The reuse archive (the module's first test makes it, and every later one runs beside it)
    indexed once for the module and kept between its tests (tests/conftest.py,
    `kept_search_index`), instead of emptied and filled again by each."""


def meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return html_module.unescape(match.group(1)) if match else None


def canonical(html: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    return html_module.unescape(match.group(1)) if match else None


def test_the_sitemap_lists_what_is_published(client, archive):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    locations = [element.text.removeprefix("http://testserver") for element in root.iter(f"{SITEMAP}loc")]
    for path in [
        "/",
        "/data/",
        "/api/",
        "/articles/alliance-warns/",
        "/articles/practice-manager-notes/",
        "/articles/undated-essay/",
        "/topics/resilience-fund/",
        "/organisations/wpa/",
        "/people/imogen-testwell/",
        "/publications/practice-gazette/",
        f"/q/{archive['quote'].pk}",
    ]:
        assert path in locations, path
    assert "/articles/secret-draft/" not in locations
    assert f"/q/{archive['draft_quote'].pk}" not in locations
    assert len(locations) == len(set(locations))


def test_robots_points_at_the_sitemap_and_keeps_crawlers_off_the_expensive_parts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for rule in [
        "Disallow: /admin/",
        "Disallow: /*?",
        "Disallow: /export/",
        "Disallow: /api/",
        "Allow: /api/$",
    ]:
        assert rule in lines


PAGES = [
    "/",
    "/search/?q=fund",
    "/articles/alliance-warns/",
    "/topics/",
    "/topics/resilience-fund/",
    "/organisations/",
    "/organisations/wpa/",
    "/people/",
    "/people/imogen-testwell/",
    "/publications/",
    "/publications/practice-gazette/",
    "/articles/alliance-warns/revisions/",
    "/data/",
    "/api/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_open_graph_and_a_canonical_link(client, archive, path):
    html = client.get(path).content.decode()
    assert meta(html, "property", "og:site_name") == "GP Contract Archive"
    for name in ("og:title", "og:description", "og:type", "og:url"):
        assert meta(html, "property", name), (path, name)
    assert canonical(html) == meta(html, "property", "og:url")
    assert canonical(html).startswith("http://testserver/")


def test_canonical_links_drop_noise_and_keep_the_search(client, archive):
    html = client.get("/topics/resilience-fund/?utm_source=x").content.decode()
    assert canonical(html) == "http://testserver/topics/resilience-fund/"
    html = client.get("/search/?q=fund&utm_source=x&kind=article").content.decode()
    assert canonical(html) == "http://testserver/search/?q=fund&kind=article"
    quote = archive["quote"]
    html = client.get(f"/q/{quote.pk}").content.decode()
    assert canonical(html) == f"http://testserver/q/{quote.pk}"
    assert meta(html, "property", "og:description") == "“the Practice resilience fund was too small”"
    assert html.count('property="og:title"') == 1


def test_an_articles_open_graph(client, archive):
    html = client.get("/articles/alliance-warns/").content.decode()
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "Alliance warns on resilience fund"
    assert meta(html, "property", "og:description") == "The WPA says the fund is too small."
    topic = client.get("/topics/resilience-fund/").content.decode()
    assert meta(topic, "property", "og:title") == "Practice resilience fund"
    assert meta(topic, "property", "og:description") == "An invented fund."


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_article_json_ld(client, archive):
    html = client.get("/articles/alliance-warns/").content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["headline"] == "Alliance warns on resilience fund"
    assert data["datePublished"] == "2024-05-01"
    assert [author["name"] for author in data["author"]] == ["Dr Imogen Testwell", "Sam Example"]
    assert data["publisher"] == {"@type": "Organization", "name": "The Practice Gazette"}
    assert data["commentCount"] == 2
    comment = data["comment"][1]
    assert comment["@type"] == "Comment" and comment["author"]["name"] == "Dr Sceptical"
    assert comment["dateCreated"] == "2024-05-02T18:45:00+01:00"
    # The comment's "</script>" cannot end the block early: it is written as \u003C/script\u003E.
    assert "</script><script>alert(1)" not in html
    assert comment["text"] == "The resilience fund </script><script>alert(1)</script> is a sticking plaster."


def test_json_ld_leaves_out_what_is_not_known(client, archive):
    inferred = json_ld(client.get("/articles/practice-manager-notes/").content.decode())
    assert "datePublished" not in inferred and "author" not in inferred and "publisher" not in inferred
    undated = json_ld(client.get("/articles/undated-essay/").content.decode())
    assert "datePublished" not in undated and undated["commentCount"] == 0


def test_the_reuse_page_lists_every_format_with_working_examples(client, archive):
    html = client.get("/data/").content.decode()
    assert "<h1>Follow and reuse</h1>" in html
    examples = re.findall(r'href="(/(?:feeds|api|export|articles|q)/[^"]*)"', html)
    kinds = {"feeds", "api", "export", "citation.bib", "citation.ris", "citation.json"}
    assert all(any(kind in example for example in examples) for kind in kinds), examples
    for example in examples:
        response = client.get(html_module.unescape(example))
        assert response.status_code == 200, example
    footer = client.get("/").content.decode()
    assert '<a href="/data/">Follow and reuse</a>' in footer


def test_no_draft_in_any_feed_api_export_or_sitemap(client, archive):
    """Issue #5: drafts (and their comments and quotes) are absent from everything made for reuse."""
    draft, comment, quote = archive["draft"], archive["draft_comment"], archive["draft_quote"]
    urls = [
        "/feeds/latest/",
        "/feeds/search/",
        "/feeds/topics/resilience-fund/",
        "/feeds/organisations/wpa/",
        "/feeds/people/imogen-testwell/",
        "/api/search/",
        "/api/articles/",
        "/api/quotes/",
        "/export/search.csv",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for secret in (DRAFT_WORDS, draft.slug, f"comment-{comment.pk}", quote.pk):
            assert secret not in text, (url, secret)
    for url in [
        f"/api/articles/{draft.slug}/",
        f"/api/quotes/{quote.pk}/",
        f"/articles/{draft.slug}/citation.bib",
        f"/q/{quote.pk}/citation.json",
    ]:
        assert client.get(url).status_code == 404, url
    topics = client.get("/api/topics/").json()["results"]
    assert topics[0]["article_count"] == 3  # the draft is not counted either
