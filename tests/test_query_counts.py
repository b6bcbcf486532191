"""How many SQL statements a page takes, pinned so that a change that adds one is seen.

When a change moves a count on purpose, run the test, read the statements it prints, and
update the number and its comment here.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from archive.models import Article
from archive.search.vocabulary import refresh_vocabulary
from tests.factories import make_article, make_comment

# Committed, as a server's data is: inside a transaction that has written, the data version that
# what a search keeps is kept under (the glossary, the names of bodies, topics and publications)
# is read again for each of them, not once a request (archive.search.cache._cache_key).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small_archive():
    for number in range(3):
        article = make_article(f"Practice contract talks, round {number}", slug=f"round-{number}")
        make_comment(article, body="The contract again, and no money for it.")
    # The spelling vocabulary is a materialized view that other tests leave as they like: rebuilt
    # here, "contract" is a known word and no nearer one is sought.
    refresh_vocabulary()


def statements(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture(autouse=True)
def _pages_drawn(settings):
    """The statements of a page drawn from the index; a kept page takes two (tests/test_page_cache.py)."""
    settings.CACHE_SECONDS = 0


def test_the_search_page_takes_4_statements(client, small_archive):
    statements(client, "/search/?q=contract")  # applies the outbox to the index, reads the glossary once
    steady = statements(client, "/search/?q=contract")
    # PINNED at 4 (the search page on the Tantivy index, issue 15; the hits and counts come from the
    # index, so no statement here grows with the size of the match set):
    #  1  is the outbox empty (only with SEARCH_INDEX_SYNCHRONOUS, as in tests: servers run the indexer);
    #  1  the data version, once a request (the glossary and the names of bodies, topics and
    #     publications are kept under it: archive.search.known_names);
    #     the author facet's labels (public people's names, and commenters' names once each) too;
    #  1  the page of hits: articles and comments with their authors, publications and shown tags
    #     (archive.search.hits.PAGE_OF_HITS: one statement however many hits; it was five);
    #  1  the spelling suggestion: is each word in the search vocabulary (a nearest word is sought
    #     only for one that is not).
    assert len(steady) == 4, "\n\n".join(steady)


def test_the_count_does_not_grow_with_the_hits(client, small_archive):
    make_article("A fourth round of contract talks", slug="round-3")
    for number in range(3):
        make_comment(Article.objects.get(slug=f"round-{number}"), body="Contract, contract, contract.")
    statements(client, "/search/?q=contract")
    assert len(statements(client, "/search/?q=contract")) == 4
