"""Searching in a real browser: type, tick facets, watch the counts, remove a chip, open a comment."""

import re

import pytest

from archive.search.vocabulary import refresh_vocabulary
from archive.services.tagging import tag_article
from tests.factories import make_article, make_comment, make_organisation, make_publication
from tests.screenshots import full_page_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_archive():
    make_organisation("Integrated care boards", "ICB", slug="icbs")
    make_organisation("British Medical Association", "BMA", slug="bma")
    gazette = make_publication("The Practice Gazette", slug="gazette")
    first = make_article(
        "ICB rewrites the local contract",
        slug="icb-contract",
        publication=gazette,
        body="The ICB said the contract would change. The BMA objected to the contract.",
    )
    make_comment(first, "Rural Partner", "The contract was fine before the ICB touched it.")
    make_comment(first, "Dr Sceptical", "Another contract, another form.", position=2)
    second = make_article(
        "BMA ballots on the contract", slug="bma-ballot", body="The BMA will ballot members on the contract."
    )
    make_comment(second, "City Partner", "The BMA contract ballot is overdue.")
    for article in (first, second):
        tag_article(article)
    refresh_vocabulary()
    return first


def description(page):
    return page.locator(".search-description").inner_text()


def facet_count(page, facet, label):
    value = page.locator(f"section[aria-labelledby='facet-{facet}'] a", has_text=label)
    return int(value.locator(".facet-count").inner_text())


def test_search_facets_chips_and_a_comment_hit(shared_page, live_server, small_archive, artifacts_dir):
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/search/")
    page.fill("#search-q", "contract")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r".*q=contract.*"))
    assert description(page).startswith("5 results for “contract”")
    assert facet_count(page, "kind", "Comments") == 3
    assert facet_count(page, "org", "BMA") == 3  # both articles and City Partner's comment

    page.locator("section[aria-labelledby='facet-kind'] a", has_text="Comments").click()
    page.wait_for_url(re.compile(r".*kind=comment.*"))
    assert description(page).startswith("3 results")
    assert facet_count(page, "org", "BMA") == 1  # the counts now follow the kind
    assert facet_count(page, "kind", "Articles") == 2  # what switching to articles would give

    page.locator("section[aria-labelledby='facet-org'] a", has_text="ICB").click()
    page.wait_for_url(re.compile(r".*org=icbs.*"))
    assert description(page).startswith(
        "1 result for “contract”, among comments, mentioning Integrated care boards"
    )
    full_page_screenshot(page, artifacts_dir / "search-two-facets-desktop.png")

    page.get_by_role("link", name="Remove Kind: Comments").click()
    page.wait_for_load_state()
    assert "kind=" not in page.url and "org=icbs" in page.url
    assert description(page).startswith("2 results")  # the ICB article and Rural Partner's comment

    page.locator(".hit-comment .hit-title a").first.click()
    page.wait_for_url(re.compile(r".*/articles/icb-contract/#comment-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.evaluate("element => element.matches(':target')")
    assert target.is_visible() and "Rural Partner" in target.inner_text()


def test_phone_width_search_page(shared_page, live_server, small_archive, artifacts_dir):
    page = shared_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/search/?q=contrct")
    assert "Did you mean" in page.locator(".suggestion").inner_text()
    page.locator(".suggestion a").click()
    page.wait_for_url(re.compile(r".*q=contract.*"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    full_page_screenshot(page, artifacts_dir / "search-phone.png")


def test_a_year_chart_of_many_years_fits_a_phone(shared_page, live_server):
    from datetime import date

    for year in range(2004, 2027):  # 23 bars
        make_article(f"Contract news of {year}", slug=f"news-{year}", published_on=date(year, 3, 1))
    page = shared_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/search/?q=contract")
    page.locator(".facets-box > summary").click()
    chart = page.locator(".year-chart")
    assert chart.evaluate("box => box.scrollWidth <= box.clientWidth")  # no scrolling inside it
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nor the page
    years = chart.locator(".bar-year").evaluate_all("labels => labels.map(label => label.textContent)")
    assert years == ["2004", "2010", "2015", "2020", "2026"]
