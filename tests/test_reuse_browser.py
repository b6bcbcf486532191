"""The reuse pieces in a real browser: JSON-LD under the strict CSP, feed discovery, the /data/ page."""

import json

import pytest

from tests.reuse_data import make_reuse_archive
from tests.screenshots import full_page_screenshot

# The tests only read: their rows are made once for the module (conftest.py, `shared_rows`).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Runs before the page's own code (Playwright injects it): records every CSP violation.
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(scope="module")
def archive(shared_rows):
    return make_reuse_archive()


@pytest.fixture(scope="module")
def _watched(_session_page):
    """The session's page (conftest.py, `shared_page`) with the CSP watch and a console log, added
    once for this module's tests (a page keeps its init scripts and listeners from one test to the
    next) and removed after them, as the page goes on to other modules' tests."""
    messages = []

    def log(message):
        messages.append(message.text)

    _session_page.on("console", log)
    watch = _session_page.add_init_script(WATCH_CSP)
    yield messages
    watch.close()
    _session_page.remove_listener("console", log)


@pytest.fixture
def watched_page(shared_page, _watched):
    _watched.clear()  # the console messages of this test's pages only
    return shared_page, _watched


def open_page(watched_page, url, size="desktop"):
    page, console = watched_page
    page.set_viewport_size(SIZES[size])
    page.goto(url)
    page.wait_for_load_state("load")
    return page, console


@pytest.mark.parametrize("size", SIZES)
def test_article_json_ld_is_data_and_breaks_no_csp(watched_page, live_site, archive, artifacts_dir, size):
    page, console = open_page(watched_page, f"{live_site.url}/articles/alliance-warns/", size)
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text], console
    # The block is parsed as JSON by the browser, whole: the comment's "</script>" did not end it.
    text = page.locator('script[type="application/ld+json"]').text_content()
    data = json.loads(text)
    assert data["@type"] == "Article" and data["comment"][1]["text"].startswith(
        "The resilience fund </script>"
    )
    assert page.evaluate("typeof window.alert") == "function" and page.locator("script").count() == 2
    assert page.locator(".cite-links a").all_inner_texts()[:3] == ["BibTeX", "RIS", "CSL-JSON"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    full_page_screenshot(page, artifacts_dir / f"article-cite-{size}.png")


@pytest.mark.parametrize("size", SIZES)
def test_the_reuse_page_and_a_topics_feed_links(watched_page, live_site, archive, artifacts_dir, size):
    page, _ = open_page(watched_page, f"{live_site.url}/", size)
    page.get_by_role("link", name="Follow and reuse").click()
    page.wait_for_url("**/data/")
    assert page.locator("h1").inner_text() == "Follow and reuse"
    assert page.evaluate("window.__violations") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    full_page_screenshot(page, artifacts_dir / f"reuse-{size}.png")

    page.goto(f"{live_site.url}/topics/resilience-fund/")
    feeds = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    assert feeds.evaluate_all("links => links.map(link => link.href)") == [
        f"{live_site.url}/feeds/latest/",
        f"{live_site.url}/feeds/topics/resilience-fund/",
    ]
    assert page.locator(".reuse-links a").first.inner_text() == "Atom feed"
    full_page_screenshot(page, artifacts_dir / f"topic-reuse-{size}.png")


def test_the_api_is_readable_from_another_origin(chromium, live_site, archive):
    """A page on another origin fetches the JSON (CORS), and revalidates it with its ETag."""
    # Chromium asks before a page reads a loopback address; a test grants it as a reader would.
    context = chromium.new_context(permissions=["local-network-access"])
    page = context.new_page()
    # Another origin (127.0.0.1, not localhost), served by the browser itself: someone else's page,
    # without our CSP, using the API. (A public origin would meet Chromium's private network rules.)
    elsewhere = live_site.url.replace("localhost", "127.0.0.1") + "/elsewhere"
    page.route(elsewhere, lambda route: route.fulfill(body="<!DOCTYPE html><p>Elsewhere</p>"))
    page.goto(elsewhere)
    result = page.evaluate(
        """async url => {
            const first = await fetch(url);
            const etag = first.headers.get("ETag");
            const body = await first.json();
            const again = await fetch(url, {headers: {"If-None-Match": etag}, cache: "no-store"});
            return {status: first.status, title: body.title, etag, again: again.status};
        }""",
        f"{live_site.url}/api/articles/alliance-warns/",
    )
    assert result["status"] == 200 and result["title"] == "Alliance warns on resilience fund"
    assert result["etag"] and result["again"] == 304
    context.close()
