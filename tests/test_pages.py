"""Reader pages: a smoke table of every public URL, then the behaviours behind them."""

from django.urls import reverse

import pytest

from archive.models import Article, Status
from tests.conftest import made_once_for_the_module
from tests.factories import (
    make_article,
    make_comment,
    make_organisation,
    make_person,
    make_publication,
    make_term,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _module_rows(django_db_setup, django_db_blocker):
    """Made once for the module (conftest.made_once_for_the_module)."""
    with made_once_for_the_module(django_db_blocker, _make_rows) as rows:
        yield {name: row.pk for name, row in rows.items()}


@pytest.fixture
def archive_rows(_module_rows, db):
    """The rows as each test's own objects, read again (a change a test makes to one in memory is
    not seen by the next)."""
    return {name: Article.objects.get(pk=pk) for name, pk in _module_rows.items()}


def _make_rows():
    publication = make_publication("The Practice Gazette", slug="practice-gazette")
    person = make_person("Dr Imogen Testwell", slug="imogen-testwell", role="GP partner")
    make_organisation("Wessex Practice Alliance", "WPA", slug="wpa", description="An invented body.")
    make_term("Practice resilience fund", slug="resilience-fund", definition="An invented fund.")
    article = make_article(
        "Alliance warns on resilience fund",
        slug="alliance-warns",
        publication=publication,
        body="## What was said\n\nThe WPA said the Practice resilience fund was too small."
        "\n\n- one point\n\n- another",
        standfirst="A short standfirst.",
    )
    article.authors.add(person)
    make_comment(article, "Dr Sceptical", "First line\nsecond line\n\nSecond paragraph.")
    draft = make_article("Unpublished draft about the WPA", slug="secret-draft", status=Status.DRAFT)
    from archive.services.tagging import tag_article

    tag_article(article)
    tag_article(draft)
    return {"article": article, "draft": draft}


# url, status, must contain, must not contain
SMOKE = [
    (
        "/",
        200,
        ["Alliance warns on resilience fund", "WPA", "Practice resilience fund"],
        ["Unpublished draft"],
    ),
    ("/articles/alliance-warns/", 200, ["A short standfirst.", 'id="p-1"', "Dr Sceptical", "By <a"], []),
    ("/articles/secret-draft/", 404, ["Page not found"], ["Unpublished draft"]),
    ("/articles/no-such-article/", 404, ["Page not found"], []),
    ("/topics/", 200, ["Practice resilience fund", "An invented fund.", "1 piece"], []),
    (
        "/topics/resilience-fund/",
        200,
        ["An invented fund.", "Alliance warns on resilience fund"],
        ["Unpublished"],
    ),
    ("/topics/no-such-topic/", 404, [], []),
    ("/organisations/", 200, ["Wessex Practice Alliance", "1 piece"], []),
    ("/organisations/wpa/", 200, ["An invented body.", "Alliance warns"], ["Unpublished draft"]),
    ("/people/", 200, ["Dr Imogen Testwell", "GP partner"], []),
    ("/people/imogen-testwell/", 200, ["Dr Imogen Testwell", "Alliance warns"], []),
    ("/publications/", 200, ["The Practice Gazette"], []),
    ("/publications/practice-gazette/", 200, ["Alliance warns"], []),
    ("/search/values/org/?q=fund", 200, ["Every body value", 'id="f-org-wpa"', "WPA"], ["Unpublished"]),
    ("/search/values/year/", 404, [], []),
    ("/topics/resilience-fund/?page=2", 404, [], []),
    ("/topics/resilience-fund/?page=-1", 404, [], []),
    ("/topics/resilience-fund/?page=abc", 404, [], []),
]


@pytest.mark.parametrize("url, status, must, must_not", SMOKE, ids=[row[0] for row in SMOKE])
def test_smoke(client, archive_rows, url, status, must, must_not):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    for text in must:
        assert text in html, text
    for text in must_not:
        assert text not in html, text


def test_article_page_has_anchors_for_every_block_and_comment(client, archive_rows):
    article = archive_rows["article"]
    html = client.get(article.get_absolute_url()).content.decode()
    for number in range(1, 5):
        assert f'id="p-{number}"' in html and f'href="#p-{number}"' in html
    comment = article.comments.get()
    assert f'id="comment-{comment.pk}"' in html and f'href="#comment-{comment.pk}"' in html
    assert '<h2 id="p-1">What was said' in html
    assert "<ul>" in html and "First line<br>second line" in html
    assert 'class="chip chip-org"' in html and 'class="chip chip-term"' in html


def test_a_renamed_slug_redirects_permanently(client, archive_rows):
    article = archive_rows["article"]
    article.slug = "alliance-warns-renamed"
    article.save()
    response = client.get("/articles/alliance-warns/")
    assert response.status_code == 301 and response["Location"] == "/articles/alliance-warns-renamed/"
    assert client.get("/articles/alliance-warns-renamed/").status_code == 200


def test_curators_can_preview_drafts(curator_client, archive_rows):
    response = curator_client.get("/articles/secret-draft/")
    assert response.status_code == 200
    assert "This is a draft" in response.content.decode()


def test_hostile_text_is_escaped(client):
    make_article(
        "<script>alert(1)</script> title", slug="hostile", body="<img src=x onerror=alert(2)> body " * 3
    )
    html = client.get("/articles/hostile/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


def test_dates_show_their_precision(client):
    make_article("Exact", slug="exact")
    make_article("Month only", slug="month-only", date_precision="month", date_approximate=True)
    make_article("Unknown date", slug="undated", published_on=None, date_precision="unknown")
    assert "1 May 2024" in client.get("/articles/exact/").content.decode()
    assert "c. May 2024" in client.get("/articles/month-only/").content.decode()
    assert "Date unknown" in client.get("/articles/undated/").content.decode()


def test_home_page_query_count_is_bounded(client, archive_rows, django_assert_max_num_queries):
    for number in range(12):
        make_article(f"Another invented piece {number}", slug=f"another-{number}")
    with django_assert_max_num_queries(8):
        client.get(reverse("home"))


def test_oversized_post_gets_a_clear_413(client):
    response = client.post("/admin/login/", data={"text": "x" * (11 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_the_cached_article_text_and_comments_follow_every_change(client, django_assert_max_num_queries):
    """The text and comments are kept as fragments under the data version (article_detail.html)."""
    article = make_article(title="Cached piece", body="First paragraph about QOF.\n\nSecond paragraph.")
    make_comment(article, body="An early comment.")
    url = article.get_absolute_url()
    first = client.get(url).content.decode()
    assert "An early comment." in first and "Readers' comments (1)" in first
    with django_assert_max_num_queries(12):  # fragments from the cache: no tagger, blocks or comment rows
        assert client.get(url).content.decode().count("An early comment.") >= 1
    make_comment(article, body="A later comment.")
    article.body = "First paragraph about QOF, edited.\n\nSecond paragraph."
    article.save()
    again = client.get(url).content.decode()
    assert "A later comment." in again and "Readers' comments (2)" in again
    assert "edited." in again


def test_with_caching_off_every_article_request_draws_its_page(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive.search.cache import forget_all
    from config.settings import NO_CACHE

    settings.CACHE_SECONDS = 0
    settings.CACHES = {**settings.CACHES, "template_fragments": NO_CACHE}
    article = make_article(title="Uncached piece", body="About QOF.")
    make_comment(article, body="A comment.")
    counts = []
    for _ in range(2):
        # What is kept per data version whatever CACHE_SECONDS says (archive.search.cache: the
        # public topics and their tagger), forgotten before each: the two do the same work unless
        # a page or a fragment was kept.
        forget_all()
        with CaptureQueriesContext(connection) as queries:
            assert "A comment." in client.get(article.get_absolute_url()).content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]  # nothing kept between the two
    assert not any("archive_cache" in query["sql"] for query in queries.captured_queries)
