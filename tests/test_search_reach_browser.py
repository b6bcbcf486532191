"""Filters within reach in a real browser, at 390 px and on a desktop: where the filters are,
focus after a toggle, the year chart in its column, the filter box, and axe's checks."""

import re
from datetime import date

import pytest

from archive.search.vocabulary import refresh_vocabulary
from archive.services.tagging import tag_article
from tests.conftest import axe_violations
from tests.factories import make_article, make_comment, make_organisation, make_term
from tests.screenshots import full_page_screenshot

# The tests only read: their rows are made once for the module (conftest.py, `shared_rows`).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def archive(shared_rows):
    """15 bodies (more than a facet shows), two topics, pieces from 1990 to 2026 (a long chart)."""
    for number in range(15):
        make_organisation(f"Invented Board {number:02d}", f"IB{number:02d}", slug=f"board-{number:02d}")
    make_term("Practice resilience fund", "PRF", slug="prf")
    for number, year in enumerate([1990, 1998, 2004, 2012, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]):
        names = " and ".join(f"IB{other:02d}" for other in range(number + 4))
        article = make_article(
            f"Contract letter of {year}",
            slug=f"letter-{year}",
            body=f"The contract letter names {names}. The PRF pays for it.",
            published_on=date(year, 6, 1),
        )
        tag_article(article)
        make_comment(article, "Rural Partner", "The contract again.")
    refresh_vocabulary()


def open_search(page, live_site, viewport, query="?q=contract"):
    """The search page in the session's page (conftest.py, `shared_page`) at this size."""
    page.set_viewport_size(viewport)
    page.goto(live_site.url + "/search/" + query)
    return page


def open_search_without_javascript(chromium, live_site, viewport, query="?q=contract"):
    context = chromium.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site.url + "/search/" + query)
    return context, page


def test_on_a_phone_the_filters_are_closed_above_the_results(shared_page, live_site, archive, artifacts_dir):
    page = open_search(shared_page, live_site, PHONE, "?q=contract&org=board-00&org=board-01")
    summary = page.locator(".facets-box > summary")
    assert summary.inner_text() == "Filters (2 active)"
    assert not page.locator(".facets-box").evaluate("box => box.open")
    assert not page.locator("#f-org-board-02").is_visible()
    assert summary.bounding_box()["y"] < page.locator(".hit").first.bounding_box()["y"]
    # the first hit is on the first screen, not thousands of pixels down
    assert page.locator(".hit").first.bounding_box()["y"] < PHONE["height"]
    full_page_screenshot(page, artifacts_dir / "search-reach-phone-closed.png")

    summary.click()
    assert page.locator("#f-org-board-02").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    chart = page.locator(".year-chart svg")
    column = page.locator(".facets-box").bounding_box()
    box = chart.bounding_box()
    assert box["x"] >= column["x"] and box["x"] + box["width"] <= column["x"] + column["width"]
    assert chart.evaluate("svg => svg.parentElement.scrollWidth <= svg.parentElement.clientWidth")
    labels = [
        page.locator(".bar-year").nth(i).bounding_box() for i in range(page.locator(".bar-year").count())
    ]
    assert len(labels) >= 3 and all(label["height"] >= 9 for label in labels)  # about 10 px type or more
    for left, right in zip(labels, labels[1:], strict=False):
        assert left["x"] + left["width"] < right["x"]  # no two years run together
    full_page_screenshot(page, artifacts_dir / "search-reach-phone-open.png")
    page.locator(".year-chart").screenshot(path=artifacts_dir / "search-reach-phone-chart.png")


def test_on_a_desktop_the_filters_are_open_beside_the_results(
    chromium, shared_page, live_site, archive, artifacts_dir
):
    page = open_search(shared_page, live_site, DESKTOP)
    assert page.locator(".facets-box").evaluate("box => box.open")
    filters, hits = page.locator("#filters").bounding_box(), page.locator(".hits").bounding_box()
    assert filters["x"] + filters["width"] <= hits["x"] and filters["y"] < hits["y"] + 100
    assert page.locator("#f-org-board-00").is_visible()
    full_page_screenshot(page, artifacts_dir / "search-reach-desktop.png")
    page.locator(".year-chart").screenshot(path=artifacts_dir / "search-reach-desktop-chart.png")

    # without JavaScript the wide screen's filters are shown all the same
    context, page = open_search_without_javascript(chromium, live_site, DESKTOP)
    assert page.locator("#f-org-board-00").is_visible()
    context.close()


def test_keyboard_reach_and_focus_after_a_toggle(shared_page, live_site, archive):
    page = open_search(shared_page, live_site, DESKTOP)
    page.keyboard.press("Tab")  # the page's own "Skip to content"
    presses = 1
    while page.evaluate("document.activeElement.id") != "f-kind-article" and presses < 40:
        page.keyboard.press("Tab")
        presses += 1
    assert presses < 25, "the first facet value should be a few Tab presses away"
    page.focus("#f-org-board-03")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*org=board-03#f-org-board-03$"))
    page.wait_for_function("document.activeElement && document.activeElement.id === 'f-org-board-03'")
    assert page.locator("#f-org-board-03").get_attribute("aria-current") == "true"
    page.keyboard.press("Enter")  # and off again, focus still there
    page.wait_for_url(re.compile(r"^(?!.*org=board-03&).*q=contract#f-org-board-03$"))
    page.wait_for_function("document.activeElement && document.activeElement.id === 'f-org-board-03'")

    page.get_by_role("link", name="Skip to results").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#results') !== null")


def test_on_a_phone_a_toggle_reopens_the_filters_at_the_value(chromium, shared_page, live_site, archive):
    page = open_search(shared_page, live_site, PHONE)
    page.locator(".facets-box > summary").click()
    page.locator("#f-org-board-05").click()
    page.wait_for_url(re.compile(r".*org=board-05#f-org-board-05$"))
    page.wait_for_function("document.activeElement && document.activeElement.id === 'f-org-board-05'")
    assert page.locator("#f-org-board-05").is_visible()

    # without JavaScript the browser opens the <details> at the value it scrolls to
    context, page = open_search_without_javascript(
        chromium, live_site, PHONE, "?q=contract&org=board-05#f-org-board-05"
    )
    assert page.locator(".facets-box").evaluate("box => box.open")
    assert page.locator("#f-org-board-05").is_visible()
    context.close()


def test_a_long_facet_has_a_filter_box_and_a_page_of_every_value(
    shared_page, live_site, archive, artifacts_dir
):
    page = open_search(shared_page, live_site, DESKTOP)
    box = page.get_by_label("Narrow the list of body values")
    box.fill("IB1")
    visible = page.locator("section[aria-labelledby='facet-org'] li:visible .facet-label").all_inner_texts()
    assert visible and all(label.startswith("IB1") for label in visible)
    assert "shown" in page.locator("section[aria-labelledby='facet-org'] [role=status]").inner_text()
    page.get_by_role("link", name="Show all 15 body values").click()
    page.wait_for_url(re.compile(r".*/search/values/org/\?q=contract$"))
    assert page.locator(".facet-value").count() == 15
    page.get_by_label("Narrow the list of body values").fill("IB14")
    page.locator(".facet-value:visible").click()
    page.wait_for_url(re.compile(r".*/search/\?q=contract&org=board-14#f-org-board-14$"))
    page.wait_for_function("document.activeElement && document.activeElement.id === 'f-org-board-14'")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violation_on_a_search_page_with_facets(
    shared_page, live_site, archive, axe_source, viewport
):
    page = open_search(shared_page, live_site, viewport, "?q=contract&org=board-00&year=2020&year=abc")
    page.locator(".facets-box").evaluate("box => { box.open = true; }")
    assert axe_violations(page, axe_source) == []
    page.goto(live_site.url + "/search/values/org/?q=contract")
    assert axe_violations(page, axe_source) == []
