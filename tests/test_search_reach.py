"""Filters within reach, server side: ignored parameters never shown as active, every value of a
facet on its own page, the filter count, skip links and return anchors (issue 16, deliverable 5)."""

from datetime import date

from django.db import transaction

import pytest

from archive.services.tagging import tag_article
from tests.factories import make_article, make_organisation
from tests.kept_index import index_module_rows

pytestmark = pytest.mark.django_db

BODIES = 15  # more than a facet shows (archive.search.facets.SHOWN_VALUES)


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, search_index_dir):
    """Made once for the module, in a transaction rolled back after it (each test rolls back to
    its own savepoint inside, so each still starts from exactly these rows)."""
    with django_db_blocker.unblock(), transaction.atomic():
        for number in range(BODIES):
            make_organisation(f"Invented Board {number:02d}", f"IB{number:02d}", slug=f"board-{number:02d}")
        for number in range(BODIES):
            # board-00 is named by 15 articles, board-14 by one: counts fall as the number rises
            names = " and ".join(f"IB{other:02d}" for other in range(number + 1))
            article = make_article(
                f"Contract letter {number}",
                slug=f"letter-{number}",
                body=f"The contract letter names {names}.",
                published_on=date(2010 + number, 6, 1),
            )
            tag_article(article)
        index_module_rows(search_index_dir)
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


@pytest.fixture
def _search_index(archive, kept_search_index):
    """Every test here reads the module's rows: indexed once and kept between its tests
    (tests/conftest.py, `kept_search_index`), instead of emptied and filled again by each."""


def chips(html):
    start = html.find('class="active-filters"')
    return "" if start < 0 else html[start : html.find("</ul>", start)]


@pytest.mark.parametrize(
    "query, ignored",
    [
        ("kind=x", "x"),
        ("year=abc", "abc"),
        ("year=1850", "1850"),
        ("org=no-such-board", "no-such-board"),
        ("author=%3Cscript%3E", "&lt;script&gt;"),
        ("from=notadate", "notadate"),
        ("to=2023-02-30", "2023-02-30"),
    ],
)
def test_an_ignored_parameter_is_never_an_active_filter(client, archive, query, ignored):
    html = client.get(f"/search/?q=contract&{query}").content.decode()
    assert "filter was ignored" in html or "so it was ignored" in html
    assert chips(html) == ""  # no chip at all
    assert "Filters (" not in html  # nothing active
    description = html[
        html.find('class="search-description"') : html.find("</p>", html.find("search-description"))
    ]
    assert description.count("15 results for “contract”") == 1 and ignored not in description
    assert f"{query.split('=')[0]}={ignored}" not in html.replace("&amp;", "&")  # no link carries it on
    data = client.get(f"/api/search/?q=contract&{query}").json()
    assert data["total"] == 15 and ignored not in data["description"]
    assert not any(value["selected"] for facet in data["facets"].values() for value in facet)


def test_good_values_beside_ignored_ones_are_kept(client, archive):
    data = client.get("/api/search/?kind=x&kind=article&year=abc&year=2012").json()
    assert data["total"] == 1
    assert data["description"].startswith("1 result, among articles, in 2012")
    assert len(data["notes"]) == 2 and all("ignored" in note for note in data["notes"])
    html = client.get("/search/?kind=x&kind=article&year=abc&year=2012").content.decode()
    assert "Filters (2 active)" in html
    assert "Remove Kind: Articles" in html and "Remove Year: 2012" in html
    assert "kind=x" not in html and "year=abc" not in html


def test_the_filters_say_how_many_are_active(client, archive):
    html = client.get("/search/?org=board-00&org=board-01&from=2015-01-01").content.decode()
    assert "<summary>Filters (3 active)</summary>" in html
    assert "<summary>Filters</summary>" in client.get("/search/").content.decode()


def test_the_filters_come_before_the_results_with_skip_links(client, archive):
    html = client.get("/search/?q=contract").content.decode()
    assert (
        html.index('href="#results">Skip to results')
        < html.index('id="filters"')
        < html.index('id="results"')
    )
    assert 'href="#filters">Skip to filters' in html
    assert '<details class="facets-box">' in html  # closed unless a wide screen opens it


def test_each_value_links_back_to_itself(client, archive):
    html = client.get("/search/?q=contract").content.decode()
    assert 'id="f-org-board-00" href="/search/?q=contract&amp;org=board-00#f-org-board-00"' in html
    selected = client.get("/search/?q=contract&org=board-00").content.decode()
    assert 'id="f-org-board-00" href="/search/?q=contract#f-org-board-00"' in selected


def test_a_long_facet_offers_every_value_on_its_own_page(client, archive):
    html = client.get("/search/?q=contract").content.decode()
    assert "Show all 15 body values" in html
    link = "/search/values/org/?q=contract"
    assert f'href="{link}"' in html
    page = client.get(link).content.decode()
    for number in range(BODIES):
        assert f'id="f-org-board-{number:02d}"' in page
    assert 'data-filterable="body"' in page and "15 values" in page
    # the counts are the search's: board-14 is named by one letter, board-00 by all 15
    assert '<span class="facet-label">IB14</span>\n          <span class="facet-count">1</span>' in page
    assert '<span class="facet-label">IB00</span>\n          <span class="facet-count">15</span>' in page
    assert 'href="/search/?q=contract&amp;org=board-14#f-org-board-14"' in page  # back to the search


def test_the_values_page_keeps_the_search_and_a_subject_pages_fixed_value(client, archive):
    page = client.get("/search/values/org/?org=board-03&year=2020").content.decode()
    assert "IB03" in page and "in 2020" in page


@pytest.mark.parametrize("facet", ["nothing", "year", "q", "page"])
def test_no_values_page_for_what_is_not_a_listed_facet(client, archive, facet):
    assert client.get(f"/search/values/{facet}/").status_code == 404


def test_bad_parameters_on_the_values_page_are_ignored_too(client, archive):
    assert client.get("/search/values/org/?kind=x&page=zz").status_code == 404  # as on /search/
    ok = client.get("/search/values/org/?kind=x&year=abc")
    assert ok.status_code == 200 and "so it was ignored" in ok.content.decode()


def test_no_results_offers_to_clear_filters_only_when_there_are_some(client, archive):
    html = client.get("/search/?q=zzzzqqq").content.decode()
    assert "clear the filters" not in html
    html = client.get("/search/?q=zzzzqqq&org=board-00").content.decode()
    assert "clear the filters" in html
