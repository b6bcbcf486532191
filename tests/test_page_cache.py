"""Whole article pages for readers (archive.views.page_cache), kept under the data version."""

from django.test import Client

import pytest

from archive.models import Article
from tests.factories import make_article, make_comment

# Committed, as on a server: nothing is kept under a data version that a transaction which has
# written could still take back (archive.search.cache.committed_data_version).
pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "/articles/cached-piece/"


@pytest.fixture
def article():
    piece = make_article("A piece readers share", slug="cached-piece")
    make_comment(piece, body="First reply.")
    return piece


def test_a_readers_second_visit_is_answered_from_the_cache(client, article, django_assert_max_num_queries):
    first = client.get(PAGE)
    with django_assert_max_num_queries(2):  # the data version and the cache entry
        second = client.get(PAGE)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]  # headers still added


def test_a_change_is_seen_by_the_next_reader(client, article):
    client.get(PAGE)
    Article.objects.filter(pk=article.pk).update(title="A corrected headline")
    assert "A corrected headline" in client.get(PAGE).content.decode()


def test_signed_in_staff_always_get_a_fresh_page(client, article, curator):
    client.get(PAGE)
    staff = Client()
    staff.force_login(curator)
    staff.get(PAGE)
    response = staff.get(PAGE)
    assert response.status_code == 200
    assert response.context is not None  # drawn from its template, not from the cache


def test_with_the_caches_off_every_page_is_drawn(client, article, settings):
    settings.CACHE_SECONDS = 0
    client.get(PAGE)
    assert client.get(PAGE).context is not None


def test_the_page_holds_no_csrf_token_and_the_quote_form_asks_for_one(client, article):
    page = client.get(PAGE).content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'data-token-url="/q/token"' in page
    token = client.get("/q/token")
    assert token.status_code == 200 and token.json()["token"]
    assert "csrftoken" in token.cookies
    assert "no-cache" in token["Cache-Control"]


def test_a_quote_link_is_made_with_the_token_asked_for(article):
    reader = Client(enforce_csrf_checks=True)
    reader.get(PAGE)
    token = reader.get("/q/token").json()["token"]
    words = {"article": "cached-piece", "exact": "its list was full"}
    made = reader.post("/q/", words, HTTP_X_CSRFTOKEN=token)
    refused = Client(enforce_csrf_checks=True).post("/q/", words)  # no token asked for
    assert refused.status_code == 403
    assert made.status_code == 201, made.content


SEARCH = "/search/?q=readers+share"


def test_a_search_page_is_kept_once_the_index_holds_every_change(client, article):
    from archive.search.indexer import pending

    assert pending()  # the article's rows are still queued for the index
    first = client.get(SEARCH)  # applies them (tests index synchronously), drawn, not kept
    assert first.context is not None and "/articles/cached-piece/" in first.content.decode()
    assert not pending()
    drawn = client.get(SEARCH)  # the index is in step: drawn and kept
    assert drawn.context is not None
    kept = client.get(SEARCH)
    assert kept.context is None  # answered from the cache, no template drawn
    assert kept.content == drawn.content


def test_a_kept_search_page_follows_the_next_change(client, article):
    client.get(SEARCH)
    client.get(SEARCH)
    Article.objects.filter(pk=article.pk).update(title="What readers share now")
    fresh = client.get(SEARCH)
    assert fresh.context is not None
    assert "What <mark>readers</mark> <mark>share</mark> now" in fresh.content.decode()
    assert "A piece <mark>readers</mark>" not in fresh.content.decode()


def test_a_search_page_is_not_kept_while_changes_wait_for_the_index(client, article, settings):
    from archive.search.indexer import pending

    settings.SEARCH_INDEX_SYNCHRONOUS = False  # as on a server: the indexer has not run yet
    assert pending()
    client.get(SEARCH)
    assert client.get(SEARCH).context is not None  # drawn again: nothing was kept


def test_nothing_is_kept_under_a_version_a_rollback_could_take_back(client, article):
    from django.db import transaction

    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(title="A headline taken back")
        client.get(PAGE)
        assert client.get(PAGE).context is not None  # drawn each time: nothing was kept
        transaction.set_rollback(True)
    Article.objects.filter(pk=article.pk).update(title="The headline that stands")  # the same version again
    assert "The headline that stands" in client.get(PAGE).content.decode()


def test_while_the_index_is_being_built_search_pages_say_so_and_are_not_kept(client, article, settings):
    """After a first start or a release that changes the index's schema, the indexer builds the
    index from the database (archive.search.indexer.rebuild) while the outbox may well be empty:
    a page drawn meanwhile must not be kept, or it would be shown, incomplete, after the build."""
    from archive.search.engine import INDEX_BEING_BUILT
    from archive.search.indexer import apply_pending, get_backend
    from archive.search.tantivy_backend import BUILT_FILE

    apply_pending()  # the article's rows are in the index; the outbox is empty
    settings.SEARCH_INDEX_SYNCHRONOUS = False  # as on a server, where only the indexer writes
    backend = get_backend(writer=False)
    assert not backend.built  # no rebuild has committed here: as during one
    drawn = client.get(SEARCH)
    assert INDEX_BEING_BUILT in drawn.content.decode()
    assert client.get(SEARCH).context is not None  # drawn again: nothing was kept

    backend.mark_built(2)  # the rebuild commits
    try:
        done = client.get(SEARCH)
        assert done.context is not None and INDEX_BEING_BUILT not in done.content.decode()
        assert client.get(SEARCH).context is None  # now kept
    finally:
        (backend.path / BUILT_FILE).unlink()  # the tests' index is shared by the session
